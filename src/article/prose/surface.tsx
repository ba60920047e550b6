/** Section 4: a smoother error surface? The paper's landscape measurements along the gradient. */
import { MEASURE_PRESETS } from '../../shared/measurePresets';
import { Tex } from '../Tex';
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
        runs from 0.05 to 0.4, the range the paper used for VGG:
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
        Each measurement costs 8 extra forward and backward passes, plus 8 more in activation space,
        and the charts report that cost. The probes never change the training run. They use the
        batch’s own statistics and leave BN’s running averages untouched.
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
      <p>
        <strong>What we measured</strong> (3 seeds, 200 steps each): at this scale, no clear
        smoothing. The median range of the loss along the gradient was 0.73 with BN against 0.85
        without. That is lower on average, but only on two seeds of three. The median effective{' '}
        <Tex>{String.raw`\beta`}</Tex> was the same: 13.3 with BN, 13.1 without. An earlier run,
        which differed only in the floating-point rounding of BN’s backward pass, found the lower
        loss range on all three seeds. An effect that flips with rounding is too small to settle
        with three seeds.
      </p>
      <p>
        So on our two-layer CNN at learning rate 0.1, where both networks train well, this part of
        the paper is not reproduced. The paper measured a VGG network on CIFAR-10, which is much
        deeper, and we cannot tell which of the differences matters. “Open in lab” lets you probe
        other settings, for example a higher learning rate.
      </p>
    </aside>
  );
}
