/** Section 1: the BN transform, per channel for convolutions, and what changes at test time. */
import { Tex } from '../Tex';

export function MechanicsText() {
  return (
    <>
      <p>
        BN handles each feature separately. Take one feature, for example one unit of a dense layer,
        and its values <Tex>{String.raw`x_1, \dots, x_m`}</Tex> on a mini-batch of <Tex>m</Tex>{' '}
        examples. BN first computes the batch mean and the batch variance:
      </p>
      <Tex block>{String.raw`\mu_B = \frac{1}{m} \sum_{i=1}^{m} x_i`}</Tex>
      <Tex
        block
      >{String.raw`\sigma_B^2 = \frac{1}{m} \sum_{i=1}^{m} \left(x_i - \mu_B\right)^2`}</Tex>
      <p>
        It then standardizes every value by subtracting the mean and dividing by the standard
        deviation. A small constant <Tex>{String.raw`\epsilon`}</Tex> (
        <Tex>{String.raw`10^{-5}`}</Tex> here) keeps the division safe when a feature hardly varies
        across the batch:
      </p>
      <Tex block>{String.raw`\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}`}</Tex>
      <p>
        On every batch, the standardized values have mean 0 and variance close to 1. Forcing that on
        a layer would limit what it can represent, so BN ends with a learned scale and shift. Each
        feature has its own <Tex>{String.raw`\gamma`}</Tex> and <Tex>{String.raw`\beta`}</Tex>, and
        gradient descent trains them like any other weight:
      </p>
      <Tex block>{String.raw`y_i = \gamma \, \hat{x}_i + \beta`}</Tex>
      <p>
        With <Tex>{String.raw`\gamma = \sqrt{\sigma_B^2 + \epsilon}`}</Tex> and{' '}
        <Tex>{String.raw`\beta = \mu_B`}</Tex> the layer would undo itself, so the network loses
        nothing it could express before. What changes is who controls the scale and offset of each
        feature: two parameters do, rather than the combined effect of every weight below. The
        starting value of <Tex>{String.raw`\gamma`}</Tex> matters more than one might expect, and
        the next section explains why our CNN presets start it at 0.1 instead of the usual 1.
      </p>
      <p>
        In a convolutional layer, each channel counts as one feature, because the same filter is
        applied at every position of the image. Its mean and variance are therefore taken over the
        whole batch and all <Tex>{String.raw`H \times W`}</Tex> positions together (
        <Tex>{String.raw`n = m H W`}</Tex> values), and each channel has a single{' '}
        <Tex>{String.raw`\gamma`}</Tex> and a single <Tex>{String.raw`\beta`}</Tex>.
      </p>
      <p>
        Test time is different. A prediction should not depend on which other images happen to share
        its batch, and a single image has no batch at all. So during training, BN also keeps running
        averages of the batch statistics, updated at every step with a momentum{' '}
        <Tex>{String.raw`\rho`}</Tex> (0.1 by default):
      </p>
      <Tex block>{String.raw`\bar{\mu} \leftarrow (1 - \rho)\, \bar{\mu} + \rho\, \mu_B`}</Tex>
      <Tex block>
        {String.raw`\bar{\sigma}^2 \leftarrow (1 - \rho)\, \bar{\sigma}^2 + \rho\, \frac{n}{n - 1}\, \sigma_B^2`}
      </Tex>
      <p>
        The factor <Tex>{String.raw`n / (n - 1)`}</Tex> corrects the batch variance’s slight
        downward bias. During evaluation, <Tex>{String.raw`\bar{\mu}`}</Tex> and{' '}
        <Tex>{String.raw`\bar{\sigma}^2`}</Tex> take the place of the batch statistics, so at test
        time BN is a fixed scale and shift per channel:
      </p>
      <Tex block>
        {String.raw`y = \gamma \, \frac{x - \bar{\mu}}{\sqrt{\bar{\sigma}^2 + \epsilon}} + \beta`}
      </Tex>
      <p>
        Every test accuracy on this page is measured this way. The demo this page follows normalized
        each test batch with its own statistics instead.
      </p>
    </>
  );
}

export function MechanicsCaption() {
  return (
    <p>
      Subtract the mean, then divide by the standard deviation, watching how the axes and the
      printed mean and variance change; then drag <Tex>{String.raw`\gamma`}</Tex> and{' '}
      <Tex>{String.raw`\beta`}</Tex> to stretch and move the normalized cloud, and press randomize
      to start again from new points.
    </p>
  );
}
