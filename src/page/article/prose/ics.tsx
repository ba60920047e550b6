/** Section 3: is it internal covariate shift? Noisy BN, the paper's gradient-based ICS, and what we measured. */
import {
  clearlyAbove,
  clearlyBelow,
  earlyMeanOf,
  finalAccuracy,
  meanOf,
  outcomesOf,
  showSeeds,
  type References,
} from '../../../experiments/findings';
import { ICS_HIGH_LEARNING_RATE, ICS_LEARNING_RATE } from '../../../experiments/isItIcs';
import { REFERENCE_EARLY_STEPS } from '../../../shared/reference';
import { Tex } from '../Tex';
import { Measured } from './measured';
import { ARXIV, arxiv, ExternalLink } from './links';

export function IcsText() {
  return (
    <>
      <p>
        The <ExternalLink href={arxiv(ARXIV.ioffe)}>original BN paper</ExternalLink> motivated the
        method with <em>internal covariate shift</em> (ICS). Each layer learns to turn its inputs
        into useful outputs, but those inputs are the outputs of the layers below, and those layers
        change at every step. From one layer’s point of view, the distribution of its inputs keeps
        moving: their mean, their spread, their shape. Part of every update then goes into catching
        up with the layers below. If the mean and variance of every layer’s inputs are held fixed,
        the argument goes, that moving target disappears.
      </p>
      <p>
        The story is plausible, and it makes two predictions we can test. Adding shift back on
        purpose should hurt training, and BN should measurably reduce the shift. The next two
        experiments test these predictions in turn.
      </p>
    </>
  );
}

export function NoisyBnText() {
  return (
    <>
      <p>
        The first test puts the shift back. In <em>noisy BN</em>, every BN output <Tex>a</Tex> is
        replaced by <Tex>{String.raw`s\,a + m`}</Tex>, a random rescaling and offset. At each step,
        each layer draws a target offset <Tex>{String.raw`\mu_t`}</Tex> and scale{' '}
        <Tex>{String.raw`\sigma_t`}</Tex>. Every element then gets its own <Tex>m</Tex> and{' '}
        <Tex>s</Tex> around them (the second argument of <Tex>{String.raw`\mathcal{N}`}</Tex> is the
        variance):
      </p>
      <Tex block>{String.raw`\mu_t \sim U(-0.5,\, 0.5), \qquad \sigma_t \sim U(1,\, 1.25)`}</Tex>
      <Tex block>
        {String.raw`m \sim U(\mu_t - 0.1,\, \mu_t + 0.1), \qquad s \sim \mathcal{N}(\sigma_t,\, 0.1^2)`}
      </Tex>
      <p>
        The next layer therefore sees inputs whose mean and variance jump at every step. If stable
        input distributions were what made BN work, this network should train worse than BN, and
        perhaps worse than no normalization at all. On VGG with CIFAR-10, the paper found that it
        trains about as well as ordinary BN. A run can also use the noise of the blog this page
        follows: Gaussian noise whose distribution stays the same at every step, added after each BN
        layer.
      </p>
      <p>
        The preset trains the plain CNN, the CNN with BN and the CNN with noisy BN at learning rate
        0.1, with <Tex>{String.raw`\gamma_0 = 1`}</Tex>, BN’s usual initial scale. With the 0.1 of
        the other presets, the injected offsets would be several times larger than the normalized
        signal and would simply destroy it, which is a different experiment from the paper’s.
      </p>
      <p>
        Besides train accuracy, the charts follow the activations that enter the second
        normalization layer, which is the output of the second convolution. Let{' '}
        <Tex>{String.raw`m_t`}</Tex> and <Tex>{String.raw`v_t`}</Tex> be their mean and variance at
        step <Tex>t</Tex>, taken per channel over the batch and all positions and then averaged over
        channels. The charts show how much these move from step to step, both in absolute terms and
        relative to each channel’s own scale:
      </p>
      <Tex block>
        {String.raw`\lvert m_t - m_{t-1} \rvert, \qquad \lvert v_t - v_{t-1} \rvert, \qquad \frac{1}{C} \sum_{c=1}^{C} \frac{\lvert v_{c,t} - v_{c,t-1} \rvert}{v_{c,t-1}}`}
      </Tex>
      <p>
        For noisy BN these are measured twice: once with the noise, as the layer actually receives
        its inputs, and once on a noise-free pass with the same weights and batch. Only the first
        shows what the noise does. The quantile bands show the same activations as a distribution
        over time: lines at the 5th, 25th, 50th, 75th and 95th percentiles of the batch, every 25
        steps. Flat bands mean a stable input distribution. With noisy BN, expect the bands to jump
        from one measurement to the next.
      </p>
    </>
  );
}

export function IcsMeasureText() {
  return (
    <>
      <p>
        Moments are only a rough proxy. For optimization, the question is whether a layer’s update
        still points the right way after the layers before it have moved. The paper turns this into
        a measurement (its Definition 2.1). At step <Tex>t</Tex>, let <Tex>G</Tex> be the usual
        gradient of the loss with respect to layer <Tex>i</Tex>’s weights, with every layer at its
        current weights. Then apply this step’s update to the layers before <Tex>i</Tex> only, keep
        layer <Tex>i</Tex> and those after it as they were, and compute the same gradient again on
        the same batch. The result is <Tex>{String.raw`G'`}</Tex>:
      </p>
      <Tex block>
        {String.raw`G = \nabla_{W_i} \mathcal{L}\big(W_1^{(t)}, \dots, W_k^{(t)};\; x^{(t)}, y^{(t)}\big)`}
      </Tex>
      <Tex block>
        {String.raw`\begin{aligned} G' = \nabla_{W_i} \mathcal{L}\big(&W_1^{(t+1)}, \dots, W_{i-1}^{(t+1)}, \\ &W_i^{(t)}, \dots, W_k^{(t)};\; x^{(t)}, y^{(t)}\big) \end{aligned}`}
      </Tex>
      <p>
        If the earlier layers’ updates barely change what layer <Tex>i</Tex> should do, then{' '}
        <Tex>{String.raw`G' \approx G`}</Tex>. The shift is reported as a distance and as an angle:
      </p>
      <Tex block>
        {String.raw`\lVert G - G' \rVert_2, \qquad \cos(G, G') = \frac{\langle G, G' \rangle}{\lVert G \rVert_2 \, \lVert G' \rVert_2}`}
      </Tex>
      <p>
        A small distance and a cosine near 1 mean little ICS. Gradients are not the same size with
        and without BN, so we also show the relative distance{' '}
        <Tex>{String.raw`\lVert G - G' \rVert_2 / \lVert G \rVert_2`}</Tex>. We measure it for the
        second convolution every 10 steps, so <Tex>{String.raw`G'`}</Tex> reflects the update of the
        first convolution. Each measurement costs extra forward and backward passes, and the charts
        report that cost in milliseconds.
      </p>
    </>
  );
}

export function IcsTakeaway() {
  return (
    <aside className="takeaway">
      <p>
        <strong>What you should see:</strong> noisy BN’s moment changes sit far above the other two
        curves, yet its accuracy curve catches up with them. On the ICS charts, compare the two
        learning rates: whether BN’s curve lies above or below the plain one depends on the rate.
      </p>
      <Measured ids={['is-it-ics']} render={(refs) => <IcsMeasured refs={refs} />} />
    </aside>
  );
}

const ID = 'is-it-ics';

/** The numbers of "Is it ICS?", from its reference file. */
export function IcsMeasured({ refs }: { refs: References }) {
  const run = (key: string) => outcomesOf(refs, ID, key);
  const varShift = meanOf('varShiftRel2');
  const [plain, bn, noisy] = [run('none'), run('batchnorm'), run('noisy-batchnorm')];
  const early = earlyMeanOf('trainLoss');
  const noisyAhead = noisy
    .map(finalAccuracy)
    .filter((n, i) => clearlyAbove(n, plain[i] ? finalAccuracy(plain[i]) : NaN, 'absolute')).length;
  const ics = (key: string) => run(key).map(meanOf('icsL2Layer2'));
  const cos = (key: string) => run(key).map(meanOf('icsCosLayer2'));
  const lowerAt03 = ics('batchnorm-lr0.3').filter((b, i) =>
    clearlyBelow(b, ics('none-lr0.3')[i] ?? NaN, 'relative'),
  ).length;
  const higherAt01 = ics('batchnorm').filter((b, i) =>
    clearlyAbove(b, ics('none')[i] ?? NaN, 'relative'),
  ).length;
  return (
    <>
      <p>
        <strong>What we measured</strong> ({plain.length} seeds, {refs[ID]?.settings.steps} steps
        each; the dotted reference lines): with noisy BN, the variance of the second convolution’s
        input changed per step by a mean fraction of {showSeeds(noisy.map(varShift))} of itself,
        against {showSeeds(plain.map(varShift))} for the plain CNN and {showSeeds(bn.map(varShift))}{' '}
        for BN. Noisy BN still trained, to {showSeeds(noisy.map(finalAccuracy))} final test accuracy
        against {showSeeds(plain.map(finalAccuracy))} for the plain network (ahead on {noisyAhead}{' '}
        seed
        {noisyAhead === 1 ? '' : 's'}): heavy distribution shift did not wreck training, as the
        paper says, but it did not beat the plain network either.
      </p>
      <p>
        It starts slower: its training loss over the first {REFERENCE_EARLY_STEPS} steps averaged{' '}
        {showSeeds(noisy.map(early))}, against {showSeeds(plain.map(early))} plain and{' '}
        {showSeeds(bn.map(early))} with BN. That follows from the definition at{' '}
        <Tex>{String.raw`\gamma_0 = 1`}</Tex> and learning rate 0.1. Normalized features of size 1
        give the dense layer large first gradients, so BN’s own first steps overshoot, and the noise
        adds a shift and scale per layer that differ at every step, so the dense layer keeps chasing
        a moving input. The early loss varies a lot from seed to seed, so three seeds cannot rank
        noisy BN and plain finely.
      </p>
      <p>
        Internal covariate shift depends on the learning rate here. At {ICS_LEARNING_RATE}, BN’s
        gradient change <Tex>{String.raw`\lVert G - G' \rVert`}</Tex> was{' '}
        {showSeeds(ics('batchnorm'))} against {showSeeds(ics('none'))} for the plain network (higher
        on {higherAt01} of {plain.length} seeds) and its cosine {showSeeds(cos('batchnorm'))}{' '}
        against {showSeeds(cos('none'))}: BN’s gradients react <em>more</em> to the updates of
        earlier layers, as in the paper. At {ICS_HIGH_LEARNING_RATE} (BN with{' '}
        <Tex>{String.raw`\gamma_0 = 0.1`}</Tex>
        ), BN’s <Tex>{String.raw`\lVert G - G' \rVert`}</Tex> was{' '}
        {showSeeds(ics('batchnorm-lr0.3'))} against {showSeeds(ics('none-lr0.3'))} (lower on{' '}
        {lowerAt03} of {plain.length} seeds), with cosines {showSeeds(cos('batchnorm-lr0.3'))} and{' '}
        {showSeeds(cos('none-lr0.3'))}: there BN does reduce this measure of ICS. So the paper’s
        claim holds at one rate and not at the other; what BN does at both rates is train well,
        which is the point of the next section.
      </p>
    </>
  );
}
