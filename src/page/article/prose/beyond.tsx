/** Sections 5 and 6: lp normalizations beyond BN, and the paper's deep linear network. */
import {
  finalAccuracy,
  meanOf,
  outcomeSummary,
  pct,
  showSeeds,
  type References,
} from '../../../experiments/findings';
import { Tex } from '../Tex';
import { Measured } from './measured';
import { ARXIV, arxiv, ExternalLink } from './links';

export function LpNormText() {
  return (
    <>
      <p>
        If BN helped by fixing the mean and variance of each layer’s inputs, then a normalization
        that does not fix the variance should lose the benefit. The paper tests this with a family
        of such normalizations. Each one subtracts the batch mean per channel, as BN does, but then
        divides by an average <Tex>{String.raw`\ell_p`}</Tex> norm of the activations instead of the
        standard deviation, for <Tex>{String.raw`p = 1, 2, \infty`}</Tex>. A learned{' '}
        <Tex>{String.raw`\gamma`}</Tex> and <Tex>{String.raw`\beta`}</Tex> follow, as in BN:
      </p>
      <Tex block>{String.raw`y = \gamma \, \frac{x - \mu_B}{D_p + \epsilon} + \beta`}</Tex>
      <p>
        For one channel with values <Tex>x</Tex> over the batch and positions (<Tex>n</Tex> values,{' '}
        <Tex>m</Tex> examples), the divisors are computed from the uncentred activations. We scale
        each one to be comparable to a standard deviation:
      </p>
      <Tex
        block
      >{String.raw`D_1 = \frac{1}{n} \sum \lvert x \rvert, \qquad D_2 = \sqrt{\frac{1}{n} \sum x^2}`}</Tex>
      <Tex block>
        {String.raw`D_\infty = \frac{1}{m} \sum_{b=1}^{m} \max_{\text{positions}} \lvert x_b \rvert`}
      </Tex>
      <p>
        None of these gives a layer’s inputs a fixed mean and variance. <Tex>D_2</Tex> equals the
        standard deviation only when the mean is already zero, and the other two measure spread in
        different ways. In the paper, these normalizations train about as well as BN even though
        they allow larger shifts in the distributions, which is consistent with the smoothness
        account rather than the ICS one. The preset compares no normalization, BN,{' '}
        <Tex>{String.raw`\ell_1`}</Tex>, <Tex>{String.raw`\ell_2`}</Tex> and{' '}
        <Tex>{String.raw`\ell_\infty`}</Tex> at learning rates 0.1 and 0.5. That is ten runs, a
        little over a minute on a 2-core CPU at 300 steps.
      </p>
      <p>
        Other widely used normalizations do not use batch statistics at all.{' '}
        <ExternalLink href={arxiv(ARXIV.layerNorm)}>Layer normalization</ExternalLink> normalizes
        over the units of a single example, and{' '}
        <ExternalLink href={arxiv(ARXIV.weightNorm)}>weight normalization</ExternalLink>{' '}
        reparameterizes each weight vector as a length times a direction. Both also speed up
        training. <ExternalLink href={arxiv(ARXIV.kohler)}>Kohler et al.</ExternalLink> analyse BN
        itself through that same split of a weight vector into length and direction.
      </p>
    </>
  );
}

export function DeepLinearText() {
  return (
    <>
      <p>
        The last experiment removes everything except depth. A deep linear network multiplies its
        input by <Tex>k</Tex> matrices in a row, with no nonlinearity between them. It can only
        represent a linear map, so the task is to make the product of the matrices match a fixed
        random matrix <Tex>A</Tex>. The data are Gaussian points <Tex>{String.raw`x_j`}</Tex>, and
        the loss is the mean squared error:
      </p>
      <Tex block>
        {String.raw`\mathcal{L}(W_1, \dots, W_k) = \frac{1}{N} \sum_{j=1}^{N} \lVert W_k \cdots W_1 x_j - A x_j \rVert_2^2`}
      </Tex>
      <p>
        Why a linear network? There are no ReLUs to die and no images with structure to exploit, and
        the best answer is known (loss 0). The model is linear, but the loss is not convex in the
        weights, since it is a polynomial of degree <Tex>2k</Tex>. Whatever BN changes here, it can
        only change through the optimization landscape.
      </p>
      <p>
        The paper used 25 layers of 10×10 and full-batch gradient descent. To train in seconds in a
        browser, our default has 10 layers of 10×10 without biases, initial weights drawn from{' '}
        <Tex>{String.raw`\mathcal{N}(0, 1/10)`}</Tex>, and 1,000 fixed points. <Tex>A</Tex> and the
        points have standard Gaussian entries, so the loss starts near 100. The BN version
        normalizes every unit over the batch after each layer except the last, with{' '}
        <Tex>{String.raw`\gamma_0 = 1`}</Tex>, because the CNN’s 0.1 trains this network markedly
        slower. Both versions use full-batch gradient descent for 200 steps, at learning rate 0.003
        (the best we found for the plain network) and 0.01 (where plain gradient descent starts to
        oscillate). That takes about 20 seconds on a 2-core CPU.
      </p>
      <p>
        Besides the loss, the charts show every 10 steps the ICS of the last layer (
        <Tex>{String.raw`\lVert G - G' \rVert_2`}</Tex> and <Tex>{String.raw`\cos(G, G')`}</Tex>, as
        defined above), the highest loss along the gradient, and the effective{' '}
        <Tex>{String.raw`\beta`}</Tex>-smoothness. In the paper, the BN network trains faster
        without reducing ICS.
      </p>
    </>
  );
}

export function BeyondTakeaway() {
  return (
    <aside className="takeaway">
      <p>
        <strong>What to look for:</strong> at learning rate 0.5, check whether the{' '}
        <Tex>{String.raw`\ell_p`}</Tex> runs survive the way BN does while the plain network stalls.
        In the linear network, see which loss falls faster, and whether BN’s ICS curves lie above or
        below the plain network’s.
      </p>
      <Measured
        ids={['beyond-bn', 'deep-linear']}
        render={(refs) => <BeyondMeasured refs={refs} />}
      />
    </aside>
  );
}

/** The numbers of "Beyond BN", from its reference files. */
export function BeyondMeasured({ refs }: { refs: References }) {
  const runs = refs['beyond-bn']?.runs ?? [];
  const linear = refs['deep-linear']?.runs ?? [];
  const finalLoss = meanOf('trainLoss');
  return (
    <>
      <p>
        <strong>What we measured</strong> (3 seeds, {refs['beyond-bn']?.settings.steps} steps each;
        the dotted reference lines): final test accuracy per seed, and how runs ended.
      </p>
      <ul>
        {runs.map((run) => (
          <li key={run.key}>
            {run.label}: {run.outcomes.map((o) => pct(finalAccuracy(o))).join(', ')}
            {run.outcomes.some((o) => o.status !== 'completed')
              ? ` (${outcomeSummary(run.outcomes)})`
              : ''}
          </li>
        ))}
      </ul>
      <p>
        Where an <Tex>{String.raw`\ell_p`}</Tex> run stalls at learning rate 0.5 while BN survives,
        our small network disagrees with the paper, which found these normalizations as good as BN;
        where they survive, it agrees. In the deep linear network, the training loss averaged over
        the run was:{' '}
        {linear.map((run) => `${run.label} ${showSeeds(run.outcomes.map(finalLoss))}`).join('; ')}.
      </p>
    </>
  );
}
