/**
 * lp normalization (paper sec. 4). For NHWC activations x[n,h,w,c],
 * per channel c with mu(c) the batch mean over n, h, w:
 *   y = gamma * (x - mu(c)) / (D_p(c) + eps) + beta,
 * where D_p(c) is the average lp norm of the uncentred activations, scaled like a standard deviation:
 *   D_1(c)   = mean over n,h,w of |x[n,h,w,c]|;
 *   D_2(c)   = sqrt(mean over n,h,w of x[n,h,w,c]^2) (the uncentred RMS: BN's std when mu(c) = 0);
 *   D_inf(c) = mean over n of (max over h,w of |x[n,h,w,c]|) (each example's largest value, averaged).
 * gamma starts at config.gammaInit, beta at 0. 'train' passes update running averages of mu and of
 * D_p (r <- (1 - m) r + m * stat, m = config.runningMomentum, starting at 0 and 1, no unbiasing),
 * which 'eval' passes use instead of the batch's; the gradient flows through mu and D_p as in BN.
 */
import * as tf from '@tensorflow/tfjs-core';
import { constantVector } from '../init';
import { CHANNEL_STAT_AXES } from './batchNorm';
import type { NormalizationKind } from './types';

/** The norms offered: p = 1, 2 and infinity. */
export type LpOrder = 1 | 2 | 'inf';

/** Axes of one example's spatial positions in NHWC: height, width. */
const SPATIAL_AXES = [1, 2];
/** Axis of the examples in NHWC. */
const BATCH_AXIS = 0;
/**
 * Floor under mean(x^2) before D_2's square root: an all-zero channel (a dead unit before this layer)
 * would otherwise get the gradient 0 * sqrt'(0) = NaN; far below any D_2 that matters next to eps.
 */
const SQUARE_MEAN_FLOOR = 1e-12;

/** |x| with subgradient sign(x), 0 at 0 (tfjs's abs gives -1 at 0, biasing exact zeros after ReLU). */
function absSymmetric(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sign(x));
}

/** D_p(c) of the file's doc comment, for each channel of `x`. */
export function lpDivisor(x: tf.Tensor4D, p: LpOrder): tf.Tensor1D {
  switch (p) {
    case 1:
      return tf.mean(absSymmetric(x), CHANNEL_STAT_AXES);
    case 2:
      return tf.sqrt(tf.maximum(tf.mean(tf.square(x), CHANNEL_STAT_AXES), SQUARE_MEAN_FLOOR));
    case 'inf':
      return tf.mean(tf.max(absSymmetric(x), SPATIAL_AXES), BATCH_AXIS);
  }
}

/** The lp normalization kind for order `p`, shown as `label`. */
function lpNorm(p: LpOrder, label: string): NormalizationKind {
  return {
    label,
    create(channels, config) {
      const gamma = constantVector(channels, config.gammaInit);
      const beta = constantVector(channels, 0);
      const runningMean = constantVector(channels, 0, false);
      const runningNorm = constantVector(channels, 1, false);
      const m = config.runningMomentum;
      return {
        trainable: [gamma, beta],
        state: [runningMean, runningNorm],
        apply(x, { mode }, weights = [gamma, beta]) {
          const [g = gamma, b = beta] = weights as tf.Tensor1D[];
          let mean: tf.Tensor1D = runningMean;
          let norm: tf.Tensor1D = runningNorm;
          if (mode !== 'eval') {
            mean = tf.mean(x, CHANNEL_STAT_AXES);
            norm = lpDivisor(x, p);
            if (mode === 'train') {
              runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)));
              runningNorm.assign(tf.add(tf.mul(runningNorm, 1 - m), tf.mul(norm, m)));
            }
          }
          const scale = tf.div(g, tf.add(norm, config.epsilon));
          return tf.add(tf.mul(tf.sub(x, mean), scale), b);
        },
      };
    },
  };
}

/** lp normalization with p = 1. */
export const l1Norm = lpNorm(1, 'ℓ1 norm');
/** lp normalization with p = 2. */
export const l2Norm = lpNorm(2, 'ℓ2 norm');
/** lp normalization with p = infinity. */
export const linfNorm = lpNorm('inf', 'ℓ∞ norm');
