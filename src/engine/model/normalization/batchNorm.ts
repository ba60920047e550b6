import * as tf from '@tensorflow/tfjs-core';
import { batchNormForward } from '../../kernels/batchNormKernels';
import { hasArrayKernel, runArrayKernel } from '../../kernels/arrayKernels';
import { constantVector } from '../init';
import type { NormalizationKind } from './types';

/** Axes of a NHWC tensor that one channel's statistics average over: batch, height, width. */
export const CHANNEL_STAT_AXES = [0, 1, 2];

/** Per-channel sums over batch and positions (a column sum of the [-1, C] view: cheaper on wasm). */
function channelSum(x: tf.Tensor): tf.Tensor1D {
  return tf.sum(tf.reshape(x, [-1, x.shape[x.rank - 1] ?? 1]), 0);
}

/** A batch's per-channel mean, the centered input x - mean, and the (biased) variance. */
function channelMoments(x: tf.Tensor) {
  const n = x.size / (x.shape[x.rank - 1] ?? 1);
  const mean = tf.div(channelSum(x), n) as tf.Tensor1D;
  const centered = tf.sub(x, mean);
  const variance = tf.div(channelSum(tf.square(centered)), n) as tf.Tensor1D;
  return { mean, centered, variance };
}

/**
 * BN's training-mode transform gamma * (x - mean) * invStd + beta, for `centered` = x - mean and
 * the batch's per-channel `variance`, with the closed-form backward pass instead of autodiff through
 * the moments (many small ops). With xhat the normalized input, n the values per channel and the
 * sums over batch and positions:
 *   dbeta = sum(dy), dgamma = sum(dy * xhat),
 *   dx = gamma * invStd / n * (n * dy - dbeta - xhat * dgamma),
 * which includes the gradient through the batch mean and variance. It is computed as
 *   dx = a * dy + centered * (-a * invStd * dgamma / n) - a * dbeta / n,  a = gamma * invStd,
 * so that every full-size op is one multiply or add of a per-channel vector.
 */
function batchNormTraining(
  x: tf.Tensor4D,
  centered: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): tf.Tensor4D {
  const invStd = tf.rsqrt(tf.add(variance, epsilon));
  const n = x.size / (x.shape[3] ?? 1);
  // x is the input the gradient is for; the forward pass reads `centered`, computed from it.
  const transform = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [, gIn, bIn, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const scale = tf.mul(gIn, invStd);
    save([centered, scale, invStd]); // closures do not survive to the backward pass: save them
    return {
      value: tf.add(tf.mul(centered, scale), bIn),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const grad = dy as tf.Tensor;
        const [c, a, inv] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
        const dBeta = channelSum(grad);
        const dGamma = tf.mul(channelSum(tf.mul(grad, c)), inv);
        const k1 = tf.mul(tf.mul(a, inv), tf.div(dGamma, -n));
        const k0 = tf.mul(a, tf.div(dBeta, -n));
        const dx = tf.add(tf.add(tf.mul(grad, a), tf.mul(c, k1)), k0);
        return [dx, dGamma, dBeta];
      },
    };
  });
  return transform(x, gamma, beta) as tf.Tensor4D;
}

/**
 * The training-mode transform and the batch's mean and (biased) variance: on wasm and cpu by the
 * forward kernel (whose registered gradient is the backward kernel), elsewhere by ops.
 */
function normalizeWithBatchStats(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  if (hasArrayKernel(batchNormForward.kernelName)) {
    const [y, mean, variance] = runArrayKernel(batchNormForward, [x, gamma, beta], { epsilon });
    return {
      y: y as tf.Tensor4D,
      mean: mean as tf.Tensor1D,
      variance: variance as tf.Tensor1D,
    };
  }
  const { mean, centered, variance } = channelMoments(x);
  return { y: batchNormTraining(x, centered, gamma, beta, variance, epsilon), mean, variance };
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
        const { y, mean, variance } = normalizeWithBatchStats(x, g, b, config.epsilon);
        if (mode === 'train') {
          const n = x.size / channels;
          const unbiased = tf.mul(variance, n / Math.max(1, n - 1));
          runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)));
          runningVar.assign(tf.add(tf.mul(runningVar, 1 - m), tf.mul(unbiased, m)));
        }
        return y;
      },
    };
  },
};
