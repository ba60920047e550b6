/** Section 4: a smoother error surface? The paper's landscape measurements along the gradient. */
import { MEASURE_PRESETS } from '../../../shared/measurePresets';
import {
  clearlyBelow,
  lossRange,
  meanOf,
  outcomesOf,
  showSeeds,
  type References,
} from '../../../experiments/findings';
import {
  SMOOTHNESS_HIGH_LEARNING_RATE,
  SMOOTHNESS_LEARNING_RATE,
} from '../../../experiments/smoothness';
import { Tex } from '../Tex';
import { Measured } from './measured';
import { ARXIV, arxiv, ExternalLink } from './links';

export function SurfaceText() {
  return (
    <>
      <p>
        If ICS is not the explanation, what is? The paper points to the shape of the loss as a
        function of the weights. A gradient step relies on the gradient for the whole length of the
        step. It assumes the loss keeps decreasing in that direction, and that the slope does not
        change much along the way. On a rough surface, with sharp walls, flat plateaus and kinks,
        that assumption fails for long steps, so training has to take short ones. The paper argues
        that BN makes the surface smoother: the loss changes more gently (it is more Lipschitz), and
        so does its gradient. A function is <Tex>{String.raw`\beta`}</Tex>-smooth when its gradient
        changes at most in proportion to the distance moved (this <Tex>{String.raw`\beta`}</Tex> is
        a smoothness constant, not BN’s learned shift):
      </p>
      <Tex block>
        {String.raw`\lVert \nabla \mathcal{L}(W_1) - \nabla \mathcal{L}(W_2) \rVert_2 \le \beta \, \lVert W_1 - W_2 \rVert_2`}
      </Tex>
      <p>
        For a network with a single BN layer, the paper proves that BN tightens bounds of this kind.
        A whole network has no useful global <Tex>{String.raw`\beta`}</Tex>, so smoothness is
        measured locally, along the direction that training actually moves. Earlier work had already
        found that the loss surfaces of networks trained with and without BN look different (
        <ExternalLink href={arxiv(ARXIV.lossSurfaces)}>Im, Tao and Branson, 2016</ExternalLink>).
      </p>
      <p>
        Every {MEASURE_PRESETS.smoothness.landscapeEvery} steps, let <Tex>W</Tex> be the current
        weights and <Tex>g</Tex> the gradient of the loss on this step’s batch. We evaluate the loss
        and its gradient, on the same batch, at points <Tex>{String.raw`W - \eta g`}</Tex> along the
        step direction. The step size <Tex>{String.raw`\eta`}</Tex> takes{' '}
        {MEASURE_PRESETS.smoothness.etaCount} evenly spaced values from half the learning rate to
        four times it. Each value costs a forward and backward pass, so probing adds a tenth to a
        fifth to training time; in the lab a run can probe more often. At learning rate 0.1 the grid
        runs from {MEASURE_PRESETS.smoothness.etaMin * 0.1} to{' '}
        {MEASURE_PRESETS.smoothness.etaMax * 0.1}, the range the paper used for VGG:
      </p>
      <Tex block>{String.raw`\eta \in [\,0.5\,\mathrm{lr},\; 4\,\mathrm{lr}\,]`}</Tex>
      <ul>
        <li>
          <strong>Loss variation</strong>, two curves per run: the lowest and highest loss met along
          the step (their gap is the range the step can land in). A narrow band means the loss
          behaves predictably in the direction of travel.
          <Tex block>
            {String.raw`\min_{\eta} \mathcal{L}(W - \eta g), \qquad \max_{\eta} \mathcal{L}(W - \eta g)`}
          </Tex>
        </li>
        <li>
          <strong>Gradient predictiveness</strong>: how far the gradient at the point reached
          differs from the gradient at the start, as a minimum and maximum over{' '}
          <Tex>{String.raw`\eta`}</Tex>. Small values mean the current gradient still describes the
          slope further along.
          <Tex block>
            {String.raw`\min_{\eta},\ \max_{\eta}\ \lVert g(W) - g(W - \eta g) \rVert_2`}
          </Tex>
        </li>
        <li>
          <strong>
            Effective <Tex>{String.raw`\beta`}</Tex>-smoothness
          </strong>
          : the largest change of the gradient per unit of distance moved. It is the smallest local{' '}
          <Tex>{String.raw`\beta`}</Tex> consistent with these probes.
          <Tex block>
            {String.raw`\beta_{\text{eff}} = \max_{\eta} \frac{\lVert g(W) - g(W - \eta g) \rVert_2}{\lVert \eta g \rVert_2}`}
          </Tex>
        </li>
      </ul>
      <p>
        A second set of charts repeats the probes in activation space. There, the loss is a function
        of the second convolution’s output <Tex>h</Tex> (before normalization), with the rest of the
        network held fixed, and <Tex>h</Tex> moves along{' '}
        <Tex>{String.raw`\nabla_h \mathcal{L}`}</Tex> by 0.5% to 4% of its norm. The blog this page
        follows plotted a quantity of this kind, but took the gradient of the summed logits instead
        of the loss. We use the loss. We also show the blog’s simpler signal, the change of the
        training loss between successive steps, <Tex>{String.raw`\lvert L_t - L_{t-1} \rvert`}</Tex>
        . Read that one with care: consecutive steps use different batches, so much of it is batch
        noise rather than landscape.
      </p>
      <p>
        Each measurement costs {MEASURE_PRESETS.smoothness.etaCount} extra forward and backward
        passes, plus {MEASURE_PRESETS.smoothness.etaCount} more in activation space, and the charts
        report that cost. The probes never change the training run. They use the batch’s own
        statistics and leave BN’s running averages untouched.
      </p>
    </>
  );
}

export function SurfaceTakeaway() {
  return (
    <aside className="takeaway">
      <p>
        <strong>What the paper predicts:</strong> with BN, a narrower gap between the highest and
        lowest loss, smaller gradient changes and a lower effective <Tex>{String.raw`\beta`}</Tex>{' '}
        throughout training.
      </p>
      <Measured ids={['smoothness']} render={(refs) => <SurfaceMeasured refs={refs} />} />
    </aside>
  );
}

const ID = 'smoothness';

/** The numbers of the error-surface section, from its reference file. */
export function SurfaceMeasured({ refs }: { refs: References }) {
  const rates = [
    { lr: SMOOTHNESS_LEARNING_RATE, plain: 'none', bn: 'batchnorm' },
    { lr: SMOOTHNESS_HIGH_LEARNING_RATE, plain: 'none-lr0.3', bn: 'batchnorm-lr0.3' },
  ];
  const measures = [
    { name: 'loss range along the gradient', m: lossRange },
    { name: 'gradient change', m: meanOf('gradDiffMax') },
    { name: 'effective β', m: meanOf('betaSmoothness') },
  ];
  const plainAct = outcomesOf(refs, ID, 'none').map(meanOf('actBeta'));
  const bnAct = outcomesOf(refs, ID, 'batchnorm').map(meanOf('actBeta'));
  return (
    <>
      <p>
        <strong>What we measured</strong> (3 seeds, {refs[ID]?.settings.steps} steps each, means
        over the probes; BN first, then plain, per seed in brackets):
      </p>
      <ul>
        {rates.map(({ lr, plain, bn }) => (
          <li key={lr}>
            At learning rate {lr}:{' '}
            {measures
              .map(({ name, m }) => {
                const b = outcomesOf(refs, ID, bn).map(m);
                const p = outcomesOf(refs, ID, plain).map(m);
                const lower = b.filter((x, i) => clearlyBelow(x, p[i] ?? NaN, 'relative')).length;
                return `${name} ${showSeeds(b)} vs ${showSeeds(p)} (lower with BN on ${lower} of ${b.length} seeds)`;
              })
              .join('; ')}
            .
          </li>
        ))}
      </ul>
      {rates.map(({ lr, plain, bn }) => {
        const held = measures.filter(({ m }) => {
          const p = outcomesOf(refs, ID, plain).map(m);
          return outcomesOf(refs, ID, bn)
            .map(m)
            .every((x, i) => clearlyBelow(x, p[i] ?? NaN, 'relative'));
        });
        const missed = measures.filter((x) => !held.includes(x));
        return (
          <p key={lr}>
            At learning rate {lr}, BN’s surface is smoother on every seed by{' '}
            {held.length === 0 ? 'no measure' : held.map((x) => x.name).join(', ')}
            {missed.length > 0
              ? `; by ${missed.map((x) => x.name).join(', ')} the difference is within seed noise`
              : ', every measure the paper uses'}
            .
          </p>
        );
      })}
      <p>
        The activation-space β (conv 2’s activation <Tex>h</Tex>) is {showSeeds(bnAct)} with BN
        against {showSeeds(plainAct)} without. Do not read the difference as a smoother or rougher
        surface. With BN the loss does not change when <Tex>h</Tex> is scaled, since BN divides the
        scale out, so its gradient shrinks as <Tex>{String.raw`1/\lVert h \rVert`}</Tex> and this β
        as <Tex>{String.raw`1/\lVert h \rVert^2`}</Tex>: the same network with conv-2 weights twice
        as large would show a quarter of the value. The plain network has no such invariance, so the
        two numbers are not on one scale. Follow each run’s trend, not the ratio.
      </p>
    </>
  );
}
