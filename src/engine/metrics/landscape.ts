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

/** Probe the landscape from `params` along `-grads` (the gradient at `params`) for each eta. */
export function landscapeAlongGradient(
  lossAt: LossAt,
  params: readonly tf.Tensor[],
  grads: readonly tf.Tensor[],
  etas: readonly number[],
): tf.Tensor1D {
  const gNorm = globalNorm(grads);
  const losses: tf.Scalar[] = [];
  const diffs: tf.Scalar[] = [];
  const ratios: tf.Scalar[] = [];
  for (const eta of etas) {
    const moved = stepAlong(params, grads, eta);
    const at = gradientsAt(lossAt, moved);
    const diff = distance(grads, at.grads);
    losses.push(at.loss);
    diffs.push(diff);
    ratios.push(tf.div(diff, tf.mul(gNorm, eta)) as tf.Scalar);
  }
  const l = tf.stack(losses);
  const d = tf.stack(diffs);
  return tf.stack([
    tf.min(l),
    tf.max(l),
    tf.min(d),
    tf.max(d),
    tf.max(tf.stack(ratios)),
  ]) as tf.Tensor1D;
}
