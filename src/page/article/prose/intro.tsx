/** The article's opening: what BN is for, the paper's claim, and how to use the page. */
import { ARXIV, arxiv, ExternalLink } from './links';

export function ArticleIntro() {
  return (
    <>
      <p>
        Batch normalization (BN) is a layer that rescales the activations inside a network using the
        mean and variance of the current mini-batch. Since{' '}
        <ExternalLink href={arxiv(ARXIV.ioffe)}>Ioffe and Szegedy</ExternalLink> introduced it in
        2015 it has become a standard part of deep networks, because networks with it usually train
        in fewer steps and tolerate larger learning rates. The usual explanation is that BN stops
        the input distribution of each layer from drifting while the layers below it learn. That
        drift is called <em>internal covariate shift</em>. In 2018,{' '}
        <ExternalLink href={arxiv(ARXIV.santurkar)}>
          Santurkar, Tsipras, Ilyas and Madry
        </ExternalLink>{' '}
        tested this explanation and found that it does not hold. Injecting extra shift after BN
        hardly harms training, and BN does not reduce the shift when it is measured through the
        gradients. Their alternative is that BN makes the loss landscape smoother, so the gradient
        stays a reliable guide over longer steps.
      </p>
      <p>
        Each section below trains small networks live in your browser, on real MNIST digits, with
        nothing to install. Press <strong>Train</strong>, watch the curves grow (15 to 30 seconds
        per section on a 2-core CPU, a little over a minute for the ten runs of section 5), and
        compare them with what the paper predicts. “Open in lab” carries a section’s setup into the
        lab, where you can change the learning rate, the seed, the number of steps or the
        normalization and compare runs side by side. Our networks are far smaller than the paper’s,
        and where our measurements disagree with it, we say so.
      </p>
    </>
  );
}
