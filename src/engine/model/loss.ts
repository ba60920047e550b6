import * as tf from '@tensorflow/tfjs-core';
import { hasArrayKernel, runArrayKernel } from '../kernels/arrayKernels';
import { softmaxCrossEntropyForward } from '../kernels/softmaxCrossEntropy';

/**
 * Mean softmax cross-entropy of `logits` [batch, classes] against integer `labels` [batch]: one
 * kernel each way on wasm and cpu, tfjs's losses elsewhere.
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  if (!hasArrayKernel(softmaxCrossEntropyForward.kernelName)) {
    return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, logits.shape[1]), logits);
  }
  return tf.tidy(() => {
    const [loss, probabilities] = runArrayKernel(softmaxCrossEntropyForward, [
      logits,
      tf.cast(labels, 'float32'),
    ]);
    // The gradient keeps its own reference to the probabilities.
    probabilities?.dispose();
    return loss as tf.Scalar;
  });
}

/** Fraction of rows whose arg-max equals the label, as a scalar in [0, 1]. */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}

/** Fraction of channels of an NHWC activation that are zero at every example and position. */
export function deadChannelFraction(activation: tf.Tensor4D): tf.Scalar {
  const peak = tf.max(activation, [0, 1, 2]);
  return tf.mean(tf.cast(tf.lessEqual(peak, 0), 'float32'));
}
