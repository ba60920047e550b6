/** Norms and angles of parameter lists (every tensor flattened and concatenated), as tensors. */
import * as tf from '@tensorflow/tfjs-core';

/** Sum of squares of every entry of every tensor. */
function sumOfSquares(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.addN(tensors.map((t) => tf.sum(tf.square(t)))) as tf.Scalar;
}

/** ||v||_2 of the concatenation of `tensors`. */
export function globalNorm(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.sqrt(sumOfSquares(tensors));
}

/** ||a - b||_2 over paired tensors of equal shapes. */
export function distance(a: readonly tf.Tensor[], b: readonly tf.Tensor[]): tf.Scalar {
  return globalNorm(a.map((t, i) => tf.sub(t, b[i] as tf.Tensor)));
}

/**
 * cos(a, b) = <a, b> / (||a|| ||b||); NaN when either is the zero vector (a dead layer has no
 * gradient direction: better a gap in the chart than a made-up 0).
 */
export function cosine(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.div(tf.sum(tf.mul(a, b)), tf.mul(tf.norm(a), tf.norm(b))) as tf.Scalar;
}

/** Each tensor of `params` moved by -eta times its gradient: W - eta g. */
export function stepAlong(
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  eta: number,
): tf.Tensor[] {
  return params.map((p, i) => tf.sub(p, tf.mul(grads[i] as tf.Tensor, eta)));
}
