/** The registry of normalization layers a network can use after each convolution. */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig, NormalizationName } from '../../shared/runConfig';
import { constantVector } from './init';

/**
 * 'train': normalize with batch statistics and update the running averages;
 * 'probe': batch statistics, no update (extra passes of measurements must not change the run);
 * 'eval': running averages (what real BN does at test time).
 */
export type ForwardMode = 'train' | 'probe' | 'eval';

/** One normalization layer over NHWC activations, per channel. */
export interface NormLayer {
  /** Learned parameters (gamma, beta), updated by the optimizer. */
  readonly trainable: tf.Variable[];
  /** Running statistics, updated in 'train' mode only. */
  readonly state: tf.Variable[];
  apply(x: tf.Tensor4D, mode: ForwardMode): tf.Tensor4D;
}

export interface NormalizationKind {
  /** Name shown in legends and menus. */
  label: string;
  create(channels: number, config: ModelConfig): NormLayer;
}

/** Axes of a NHWC tensor that one channel's statistics average over: batch, height, width. */
const CHANNEL_STAT_AXES = [0, 1, 2];

const identity: NormalizationKind = {
  label: 'None',
  create: () => ({ trainable: [], state: [], apply: (x) => x }),
};

/**
 * Batch normalization (Ioffe & Szegedy 2015): y = gamma * (x - mu_B) / sqrt(var_B + eps) + beta with
 * mu_B, var_B the batch mean and (biased) variance per channel. Running averages
 * r <- (1 - m) r + m * stat use the unbiased batch variance, as PyTorch does.
 */
const batchNorm: NormalizationKind = {
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
      apply(x, mode) {
        if (mode === 'eval') {
          return tf.batchNorm4d(x, runningMean, runningVar, beta, gamma, config.epsilon);
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
        return tf.batchNorm4d(x, mean, variance, beta, gamma, config.epsilon);
      },
    };
  },
};

export const NORMALIZATION_REGISTRY: Record<NormalizationName, NormalizationKind> = {
  none: identity,
  batchnorm: batchNorm,
};
