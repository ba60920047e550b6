/** Loss and gradients of a network at arbitrary parameter values (not its variables). */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';

/** The loss on a fixed batch as a function of the full parameter list (the network's order). */
export type LossAt = (weights: readonly tf.Tensor[]) => tf.Scalar;

/** L(weights) and its gradient w.r.t. the parameters at `which` (all by default), in that order. */
export function gradientsAt(
  lossAt: LossAt,
  weights: readonly tf.Tensor[],
  which: readonly number[] = weights.map((_, i) => i),
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const f = (...chosen: tf.Tensor[]) => {
    const full = weights.slice();
    which.forEach((index, k) => {
      full[index] = chosen[k] as tf.Tensor;
    });
    return lossAt(full);
  };
  const { value, grads } = tf.valueAndGrads(f)(which.map((i) => weights[i] as tf.Tensor));
  return { loss: value as tf.Scalar, grads };
}
