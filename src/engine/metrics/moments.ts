/**
 * Activation moments (docs/measurements.md, "moments"): for a layer's pre-normalization activations, the mean and
 * the (biased) variance of each channel over the batch and spatial positions, averaged over
 * channels. The chart shows their change between successive steps, |m_t - m_{t-1}| and
 * |v_t - v_{t-1}|.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Per-channel moments of `x` (channels last): row 0 the means, row 1 the (biased) variances. */
export function perChannelMoments(x: tf.Tensor): tf.Tensor2D {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return tf.stack([mean, variance]) as tf.Tensor2D;
}

/** One layer's per-channel means and variances at one step. */
export interface ChannelMoments {
  mean: number[];
  variance: number[];
}

/** Keeps a zero variance from dividing by zero in the scale-free changes. */
const VARIANCE_FLOOR = 1e-8;

const average = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/**
 * Changes of a layer's moments between two steps. As docs/measurements.md defines them: |m_t - m_(t-1)| and
 * |v_t - v_(t-1)| of the channel-averaged mean m and variance v. Scale-free, for comparing networks
 * whose activations differ in scale (plain vs BN): the channel average of
 * |m_c,t - m_c,(t-1)| / sqrt(v_c,(t-1)) and of |v_c,t - v_c,(t-1)| / v_c,(t-1).
 */
export function momentChanges(now: ChannelMoments, before: ChannelMoments) {
  const sd = before.variance.map((v) => Math.sqrt(Math.max(v, VARIANCE_FLOOR)));
  return {
    meanShift: Math.abs(average(now.mean) - average(before.mean)),
    varShift: Math.abs(average(now.variance) - average(before.variance)),
    meanShiftRel: average(
      now.mean.map((m, c) => Math.abs(m - (before.mean[c] ?? NaN)) / (sd[c] ?? NaN)),
    ),
    varShiftRel: average(
      now.variance.map(
        (v, c) =>
          Math.abs(v - (before.variance[c] ?? NaN)) /
          Math.max(before.variance[c] ?? NaN, VARIANCE_FLOOR),
      ),
    ),
  };
}
