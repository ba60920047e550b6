/**
 * The loss landscape along the gradient (paper fig. 4), on the step's batch, with g = grad L(W):
 * for each eta of a grid,
 *   loss variation           L(W - eta g)                 (min and max over eta: a band),
 *   gradient predictiveness  ||g - grad L(W - eta g)||_2   (min and max over eta),
 *   effective beta-smoothness  max over eta of ||g - grad L(W - eta g)||_2 / ||eta g||_2.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gradientsAt, type LossAt } from './gradients';
import { distance, globalNorm, stepAlong } from './vectorMath';

/** The summary, as one tensor: [lossMin, lossMax, gradDiffMin, gradDiffMax, beta]. */
export const LANDSCAPE_FIELDS = [
  'lossMin',
  'lossMax',
  'gradDiffMin',
  'gradDiffMax',
  'beta',
] as const;

/** `count` step sizes evenly spaced from `min` to `max` (both included). */
export function etaGrid(min: number, max: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / Math.max(1, count - 1));
}

/**
 * Probe the landscape from `params` along `-grads` (the gradient at `params`): one row per eta of
 * [L(W - eta g), ||g - grad L(W - eta g)||_2, ||g - grad L(W - eta g)||_2 / ||eta g||_2].
 */
export function landscapeProbes(
  lossAt: LossAt,
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  etas: readonly number[],
): tf.Tensor2D {
  const gNorm = globalNorm(grads);
  const rows = etas.map((eta) => {
    const moved = stepAlong(params, grads, eta);
    const at = gradientsAt(lossAt, moved);
    const diff = distance(grads, at.grads);
    return tf.stack([at.loss, diff, tf.div(diff, tf.mul(gNorm, eta))]);
  });
  return tf.stack(rows) as tf.Tensor2D;
}

/** The summary of probe rows, in LANDSCAPE_FIELDS order. */
export function summarizeProbes(probes: tf.Tensor2D): tf.Tensor1D {
  const [loss, diff, ratio] = tf.unstack(probes, 1) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  return tf.stack([
    tf.min(loss),
    tf.max(loss),
    tf.min(diff),
    tf.max(diff),
    tf.max(ratio),
  ]) as tf.Tensor1D;
}

/** The summary of the landscape from `params` along `-grads` for each eta. */
export function landscapeAlongGradient(
  lossAt: LossAt,
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  etas: readonly number[],
): tf.Tensor1D {
  return summarizeProbes(landscapeProbes(lossAt, params, grads, etas));
}
