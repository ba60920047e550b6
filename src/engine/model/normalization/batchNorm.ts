import * as tf from '@tensorflow/tfjs-core';
import { constantVector } from '../init';
import type { NormalizationKind } from './types';

/** Axes of a NHWC tensor that one channel's statistics average over: batch, height, width. */
export const CHANNEL_STAT_AXES = [0, 1, 2];

/**
 * BN's training-mode transform gamma * (x - mean) * invStd + beta for a batch whose per-channel
 * `mean` and `variance` are given, with the closed-form backward pass instead of autodiff through
 * the moments (many small ops; this halves BN's cost on wasm). With xhat the normalized input,
 * n the values per channel and the sums over batch and positions:
 *   dbeta = sum(dy), dgamma = sum(dy * xhat),
 *   dx = gamma * invStd / n * (n * dy - dbeta - xhat * dgamma),
 * which includes the gradient through the batch mean and variance.
 */
function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): tf.Tensor4D {
  const invStd = tf.rsqrt(tf.add(variance, epsilon));
  const n = x.size / (x.shape[3] ?? 1);
  const transform = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, gIn, bIn, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const xhat = tf.mul(tf.sub(xIn, mean), invStd);
    save([xhat, gIn, invStd]); // closures do not survive to the backward pass: save what it reads
    return {
      value: tf.add(tf.mul(xhat, gIn), bIn),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const grad = dy as tf.Tensor;
        const [xh, g, inv] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dBeta = tf.sum(grad, CHANNEL_STAT_AXES);
        const dGamma = tf.sum(tf.mul(grad, xh), CHANNEL_STAT_AXES);
        const inner = tf.sub(tf.sub(tf.mul(grad, n), dBeta), tf.mul(xh, dGamma));
        const dx = tf.mul(tf.mul(g, tf.div(inv, n)), inner);
        return [dx, dGamma, dBeta];
      },
    };
  });
  return transform(x, gamma, beta) as tf.Tensor4D;
}

/**
 * Batch normalization (Ioffe & Szegedy 2015): y = gamma * (x - mu_B) / sqrt(var_B + eps) + beta with
 * mu_B, var_B the batch mean and (biased) variance per channel. Running averages
 * r <- (1 - m) r + m * stat use the unbiased batch variance, as PyTorch does.
 */
export const batchNorm: NormalizationKind = {
  label: 'BatchNorm',
  create(channels, config) {
    const gamma = constantVector(channels, config.gammaInit);
    const beta = constantVector(channels, 0);
    const runningMean = constantVector(channels, 0, false);
    const runningVar = constantVector(channels, 1, false);
    const m = config.runningMomentum;
    return {
      trainable: [gamma, beta],
      state: [runningMean, runningVar],
      apply(x, { mode }, weights = [gamma, beta]) {
        const [g = gamma, b = beta] = weights as tf.Tensor1D[];
        if (mode === 'eval') {
          return tf.batchNorm4d(x, runningMean, runningVar, b, g, config.epsilon);
        }
        const moments = tf.moments(x, CHANNEL_STAT_AXES);
        const mean = moments.mean as tf.Tensor1D;
        const variance = moments.variance as tf.Tensor1D;
        if (mode === 'train') {
          const n = x.size / channels;
          const unbiased = tf.mul(variance, n / Math.max(1, n - 1));
          runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)));
          runningVar.assign(tf.add(tf.mul(runningVar, 1 - m), tf.mul(unbiased, m)));
        }
        return batchNormTraining(x, g, b, mean, variance, config.epsilon);
      },
    };
  },
};
