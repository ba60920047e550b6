/**
 * The paper's deep linear network: f(x) = W_k ... W_1 x, `depth` square layers of `width` units, no
 * biases, weights N(0, 1/width) from our PRNG. With 'batchnorm' each layer but the last is followed
 * by batch normalization of each unit over the batch (learnable gamma and beta, running averages).
 * Rows are examples: a batch x is [batch, width]; layer i computes h W_i^T, W_i stored [out, in].
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DeepLinearConfig, ModelConfig } from '../../shared/runConfig';
import type { Prng } from '../random/prng';
import type { ForwardOptions, LayerInfo } from './cnn';
import { constantVector } from './init';

/** Axis of a [batch, width] tensor that one unit's BN statistics average over. */
const BATCH_AXIS = 0;

/** What one forward pass produces. */
interface DeepLinearOutput {
  /** The network's output, [batch, width]. */
  output: tf.Tensor2D;
  /** What each BN layer received (the pre-normalization activations); empty without BN. */
  preNorm: tf.Tensor2D[];
}

/** The deep linear network: same fields as the CNN's Network, over [batch, width] tensors. */
export interface DeepLinearNetwork {
  /** Every trainable variable: W_1, [gamma_1, beta_1], W_2, ..., W_k. */
  readonly trainable: tf.Variable[];
  /** Non-trainable state: running mean and variance of each BN layer. */
  readonly state: tf.Variable[];
  /** The layers in forward order: where each one's weight and parameters sit in `trainable`. */
  readonly layers: LayerInfo[];
  /** Whether BN follows each layer but the last. */
  readonly batchNorm: boolean;
  forward(x: tf.Tensor2D, options: ForwardOptions): DeepLinearOutput;
  dispose(): void;
}

/**
 * The deep linear network's loss: the mean over the batch of the squared Euclidean error summed
 * over output units, L = (1/B) sum_b ||f(x_b) - y_b||^2 (with y_b = A x_b).
 */
export function squaredErrorLoss(prediction: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sum(tf.square(tf.sub(prediction, target)), 1)));
}

/** One BN layer's running statistics (its gamma and beta live in `trainable`). */
interface RunningStats {
  mean: tf.Variable<tf.Rank.R1>;
  variance: tf.Variable<tf.Rank.R1>;
}

/** A width x width weight matrix with entries N(0, 1/width) drawn from `rng`. */
function gaussianMatrix(rng: Prng, width: number): tf.Variable {
  const std = 1 / Math.sqrt(width);
  const values = new Float32Array(width * width);
  for (let i = 0; i < values.length; i++) values[i] = std * rng.normal();
  const initial = tf.tensor2d(values, [width, width], 'float32');
  const variable = tf.variable(initial, true);
  initial.dispose();
  return variable;
}

/**
 * Build the network. Normalizations other than 'none' and 'batchnorm' are not offered for this
 * task and are refused rather than silently replaced.
 */
export function buildDeepLinear(
  shape: Pick<DeepLinearConfig, 'depth' | 'width'>,
  model: Pick<ModelConfig, 'normalization' | 'gammaInit' | 'runningMomentum' | 'epsilon'>,
  rng: Prng,
): DeepLinearNetwork {
  const { depth, width } = shape;
  if (model.normalization !== 'none' && model.normalization !== 'batchnorm') {
    throw new Error(
      `the deep linear network takes 'none' or 'batchnorm', not '${model.normalization}'`,
    );
  }
  const batchNorm = model.normalization === 'batchnorm';
  const trainable: tf.Variable[] = [];
  const state: tf.Variable[] = [];
  const layers: LayerInfo[] = [];
  const running: RunningStats[] = [];
  for (let i = 0; i < depth; i++) {
    const weight = trainable.length;
    trainable.push(gaussianMatrix(rng, width));
    const normalized = batchNorm && i < depth - 1;
    if (normalized) {
      trainable.push(constantVector(width, model.gammaInit), constantVector(width, 0));
      const stats = {
        mean: constantVector(width, 0, false),
        variance: constantVector(width, 1, false),
      };
      running.push(stats);
      state.push(stats.mean, stats.variance);
    }
    const count = normalized ? 3 : 1;
    layers.push({
      name: `layer ${i + 1}`,
      weight,
      params: Array.from({ length: count }, (_, k) => weight + k),
    });
  }
  const m = model.runningMomentum;

  return {
    trainable,
    state,
    layers,
    batchNorm,
    forward(x, { mode, weights = trainable }) {
      const preNorm: tf.Tensor2D[] = [];
      let h = x;
      layers.forEach((layer, i) => {
        const [w, gamma, beta] = layer.params.map((p) => weights[p] as tf.Tensor);
        h = tf.matMul(h, w as tf.Tensor2D, false, true);
        const stats = running[i];
        if (!gamma || !beta || !stats) return;
        preNorm.push(h);
        let mean: tf.Tensor1D = stats.mean;
        let variance: tf.Tensor1D = stats.variance;
        if (mode !== 'eval') {
          const moments = tf.moments(h, BATCH_AXIS);
          mean = moments.mean as tf.Tensor1D;
          variance = moments.variance as tf.Tensor1D;
          if (mode === 'train') {
            const n = h.shape[0];
            const unbiased = tf.mul(variance, n / Math.max(1, n - 1));
            stats.mean.assign(tf.add(tf.mul(stats.mean, 1 - m), tf.mul(mean, m)));
            stats.variance.assign(tf.add(tf.mul(stats.variance, 1 - m), tf.mul(unbiased, m)));
          }
        }
        // gamma (h - mean) / sqrt(var + eps) + beta, folded into one scale and one shift per unit.
        const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, model.epsilon)));
        h = tf.add(tf.mul(h, scale), tf.sub(beta, tf.mul(mean, scale)));
      });
      return { output: h, preNorm };
    },
    dispose() {
      for (const v of [...trainable, ...state]) v.dispose();
    },
  };
}
