/**
 * Activation moments (DESIGN, "Moments"): for a layer's pre-normalization activations, the mean and
 * the (biased) variance of each channel over the batch and spatial positions, averaged over
 * channels. The chart shows their change between successive steps, |m_t - m_{t-1}| and
 * |v_t - v_{t-1}|.
 */
import * as tf from '@tensorflow/tfjs-core';

/** [channel-averaged mean, channel-averaged variance] of `x`, channels on the last axis. */
export function channelMoments(x: tf.Tensor): tf.Tensor1D {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  return tf.stack([tf.mean(mean), tf.mean(variance)]) as tf.Tensor1D;
}
