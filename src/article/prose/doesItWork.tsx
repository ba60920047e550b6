/** Section 2: does BN work? The CNN with and without BN at a moderate and a high learning rate. */
import { Tex } from '../Tex';
import { ARXIV, arxiv, ExternalLink } from './links';

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
        accuracy is measured on 500 held-out digits. Four runs share the same seed, and so the same
        batch order: without and with BN, at learning rate 0.1 and at 0.5. The runs train in turn, a
        step at a time, so all four curves grow together.
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
          every channel of the second convolution outputs zero for every image. No gradient passes
          through a dead ReLU, so these channels never recover. The loss never becomes NaN; the run
          simply stops making progress, and the page marks it <em>stalled</em>.
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
        <strong>What you should see:</strong> at learning rate 0.5, the BN network climbs to around
        90% test accuracy while the plain one falls to chance. At 0.1, the two curves stay close.
      </p>
      <p>
        <strong>What we measured</strong> (3 seeds, 200 steps each): at learning rate 0.5 the plain
        CNN ended at 11% test accuracy on every seed, and the BN network at 89.5% on average (92%,
        94% and 83%). In a single 300-step run, the plain network collapsed to 10% around step 140
        and was marked stalled at step 239, while BN reached 92%. At learning rate 0.1, “BN learns
        faster” was within seed noise: BN reached 80% test accuracy first on only one seed out of
        three.
      </p>
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
