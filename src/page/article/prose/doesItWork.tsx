/** Section 2: does BN work? The CNN with and without BN at a moderate and a high learning rate. */
import { Tex } from '../Tex';
import {
  ACCURACY_TOLERANCE,
  clearlyAbove,
  earlyMeanOf,
  finalAccuracy,
  meanOf,
  outcomeSummary,
  outcomesOf,
  pct,
  stalledLayers,
  type References,
} from '../../../experiments/findings';
import { REFERENCE_EARLY_STEPS } from '../../../shared/reference';
import { DATASET_INFO } from '../../../shared/datasets';
import { DEFAULT_RUN_CONFIG } from '../../../shared/runConfig';
import { ARXIV, arxiv, ExternalLink } from './links';
import { Measured } from './measured';

const ID = 'does-bn-work';
/** Held-out digits, as the reader sees the number. */
const TEST_DIGITS = DEFAULT_RUN_CONFIG.data.testSize.toLocaleString('en');
/** "92%, 94% and 83%". */
const pctList = (xs: number[]) =>
  xs.length > 1
    ? `${xs.slice(0, -1).map(pct).join(', ')} and ${pct(xs.at(-1) ?? NaN)}`
    : xs.map(pct).join('');

/**
 * What both paragraphs quote from a reference file: the LR 0.5 outcomes, the early test accuracy
 * per seed at LR 0.1, and on how many seeds BN was ahead of plain, or behind, beyond the tolerance.
 */
function comparison(refs: References) {
  const early = earlyMeanOf('testAccuracy');
  const bnEarly = outcomesOf(refs, ID, 'batchnorm-lr0.1').map(early);
  const plainEarly = outcomesOf(refs, ID, 'none-lr0.1').map(early);
  const count = (above: (bn: number, plain: number) => boolean) =>
    bnEarly.filter((bn, i) => above(bn, plainEarly[i] ?? NaN)).length;
  return {
    plain05: outcomesOf(refs, ID, 'none-lr0.5'),
    bn05: outcomesOf(refs, ID, 'batchnorm-lr0.5'),
    bnEarly,
    plainEarly,
    ahead: count((bn, plain) => clearlyAbove(bn, plain, 'absolute')),
    behind: count((bn, plain) => clearlyAbove(plain, bn, 'absolute')),
  };
}

/** The numbers of "Does BN work?", from its reference file. */
export function DoesItWorkMeasured({ refs }: { refs: References }) {
  const { plain05, bn05, bnEarly, plainEarly, ahead, behind } = comparison(refs);
  const layers = stalledLayers(plain05);
  const bnDead = bn05.map(meanOf('deadConv2'));
  return (
    <>
      <p>
        <strong>What we measured</strong> ({plain05.length} seeds, {refs[ID]?.settings.steps} steps
        each; the dotted reference lines on the charts): at learning rate 0.5 the plain CNN{' '}
        {outcomeSummary(plain05)}
        {layers.length > 0 ? `, every time with the ReLUs of ${layers.join(' and ')} dead` : ''}. It
        ended at {pctList(plain05.map(finalAccuracy))} test accuracy, and the BN network at{' '}
        {pctList(bn05.map(finalAccuracy))}. At learning rate 0.1, BN’s mean test accuracy over the
        first {REFERENCE_EARLY_STEPS} steps (on all {TEST_DIGITS} held-out digits) was{' '}
        {pctList(bnEarly)} against {pctList(plainEarly)} for the plain network: ahead by more than{' '}
        {ACCURACY_TOLERANCE * 100} point on {ahead} seed{ahead === 1 ? '' : 's'} and behind on{' '}
        {behind}. At this learning rate “BN learns faster” is within seed noise here.
      </p>
      <p>
        The dead-ReLU chart holds a surprise: at learning rate 0.5 the BN network trains well while
        on average {pctList(bnDead)} of its conv-2 channels are dead on a batch (a channel counts as
        dead when its ReLU outputs zero for every position of every image in the batch). After BN a
        channel is dead when <Tex>{String.raw`\gamma \hat{x} + \beta`}</Tex> is negative at every
        position of every image of the batch, which large steps on <Tex>{String.raw`\gamma`}</Tex>{' '}
        and <Tex>{String.raw`\beta`}</Tex> readily cause. The rest still carry the digits, and BN
        keeps their inputs at a fixed scale however large the weights grow, so the updates stay
        usable. In the plain network nothing re-centres a channel that drifts negative: once its
        layer is all dead, no gradient reaches it again, and the run stalls.
      </p>
    </>
  );
}

/**
 * The same experiment's shipped runs on Fashion-MNIST: clothing images instead of digits, every
 * number from that dataset's reference file.
 */
export function DoesItWorkOnFashion({ refs }: { refs: References }) {
  const { plain05, bn05, bnEarly, plainEarly, ahead } = comparison(refs);
  const classes = DATASET_INFO['fashion-mnist'].classes;
  return (
    <p>
      <strong>On clothing instead of digits.</strong> Choose <em>Fashion-MNIST</em> in the form to
      train the same four runs on 10,000 small grey photos of clothes in ten classes (
      {classes.slice(0, 3).join(', ')}, … {classes.at(-1)}). The shipped runs there (
      {plain05.length} seeds): at learning rate 0.5 the plain CNN {outcomeSummary(plain05)} and
      ended at {pctList(plain05.map(finalAccuracy))} test accuracy, the BN network at{' '}
      {pctList(bn05.map(finalAccuracy))}. At 0.1, BN’s mean test accuracy over the first{' '}
      {REFERENCE_EARLY_STEPS} steps was {pctList(bnEarly)} against {pctList(plainEarly)}: ahead by
      more than {ACCURACY_TOLERANCE * 100} point on {ahead} of {bnEarly.length} seeds.
    </p>
  );
}

export function DoesItWorkText() {
  return (
    <>
      <p>
        Before explaining the effect, we should see it. The network is deliberately small: two
        convolutions with 5×5 kernels (8 filters, then 16), each followed by a ReLU and 2×2 max
        pooling, and then a single dense layer that maps the 784 remaining features to the ten digit
        classes. That comes to about 11,000 weights. In the BN version, a BN layer sits between each
        convolution and its ReLU.
      </p>
      <p>
        Both versions are trained with plain stochastic gradient descent (no momentum), 20 digits
        per step, 300 steps by default, drawn from 8,000 MNIST training digits. Every 20 steps, test
        accuracy is measured on all {TEST_DIGITS} held-out digits. Four runs share the same seed,
        and so the same batch order: without and with BN, at learning rate 0.1 and at 0.5. The runs
        train in turn, a step at a time, so all four curves grow together.
      </p>
      <p>What to look for:</p>
      <ul>
        <li>
          At learning rate 0.1, both networks learn. Compare how quickly each test accuracy curve
          rises.
        </li>
        <li>
          At 0.5, watch the plain network. Its loss settles near{' '}
          <Tex>{String.raw`\ln 10 \approx 2.3`}</Tex>, the loss of guessing uniformly among ten
          classes, and its accuracy drops to about 10%. The dead-ReLU chart shows the cause: almost
          every channel of a convolution outputs zero for every image (the run list names which). No
          gradient passes through a dead ReLU, so these channels never recover. The loss never
          becomes NaN; the run simply stops making progress, and the page marks it <em>stalled</em>.
        </li>
      </ul>
      <p>
        In these presets, BN’s <Tex>{String.raw`\gamma`}</Tex> starts at 0.1 rather than the usual
        1. With <Tex>{String.raw`\gamma_0 = 1`}</Tex> the normalized features are large, the first
        updates of the dense layer become very large, and at a learning rate of 0.5 the BN network
        can die on some seeds as well. To see BN fail, set <Tex>{String.raw`\gamma_0`}</Tex> to 1
        and train again.
      </p>
    </>
  );
}

export function DoesItWorkTakeaway() {
  return (
    <aside className="takeaway">
      <p>
        <strong>What you should see:</strong> at learning rate 0.5, the BN network keeps climbing
        while the plain one usually stalls at chance. At 0.1, the two curves stay close.
      </p>
      <Measured ids={['does-bn-work']} render={(refs) => <DoesItWorkMeasured refs={refs} />} />
      <Measured
        ids={['does-bn-work']}
        dataset="fashion-mnist"
        render={(refs) => <DoesItWorkOnFashion refs={refs} />}
      />
      <p>
        This differs from the paper, whose much larger networks (VGG on CIFAR-10) train faster with
        BN at every learning rate. On our small network, the clear benefit is that training survives
        a large learning rate. That fits{' '}
        <ExternalLink href={arxiv(ARXIV.bjorck)}>Bjorck et al. (2018)</ExternalLink>, who trace most
        of BN’s benefit to the larger learning rates it allows.
      </p>
    </aside>
  );
}
