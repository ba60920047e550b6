import * as tf from '@tensorflow/tfjs-core';
import { constantVector } from '../init';
import type { NormalizationKind } from './types';

/** Axes of a NHWC tensor that one channel's statistics average over: batch, height, width. */
export const CHANNEL_STAT_AXES = [0, 1, 2];

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
        return tf.batchNorm4d(x, mean, variance, b, g, config.epsilon);
      },
    };
  },
};
