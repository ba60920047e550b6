import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig, NoiseConfig } from '../../../shared/runConfig';
import { Prng } from '../../random/prng';
import { batchNorm } from './batchNorm';
import type { NormalizationKind, NormContext, NormLayer } from './types';

/** Largest seed given to tfjs's random ops; seeds run 1..this because tfjs treats 0 as "unseeded". */
const MAX_TF_SEED = 2 ** 31 - 1;

/** A non-zero integer seed for tf.randomUniform / tf.randomNormal, taken from `prng`. */
function tfSeed(prng: Prng): number {
  return 1 + (prng.nextUint32() % MAX_TF_SEED);
}

/** One draw of noise, kept across passes: a <- scale * a + shift, with a null scale meaning 1. */
interface Noise {
  scale: tf.Tensor4D | null;
  shift: tf.Tensor4D;
}

/** Draw noise for activations of `shape` (see noiseConfigSchema); the tensors are tf.keep'd. */
function drawNoise(
  shape: [number, number, number, number],
  noise: NoiseConfig,
  layerIndex: number,
  prng: Prng,
): Noise {
  if (noise.schedule === 'blog') {
    // blogMeans / blogStds have one entry per normalization layer; extra layers reuse them cyclically.
    const mean = noise.blogMeans[layerIndex % noise.blogMeans.length] ?? 0;
    const std = noise.blogStds[layerIndex % noise.blogStds.length] ?? 0;
    return {
      scale: null,
      shift: tf.keep(tf.randomNormal<tf.Rank.R4>(shape, mean, std, 'float32', tfSeed(prng))),
    };
  }
  const mu = prng.uniform(-noise.meanRange, noise.meanRange);
  const sigma = prng.uniform(noise.scaleLow, noise.scaleHigh);
  const shift = tf.randomUniform<tf.Rank.R4>(
    shape,
    mu - noise.meanJitter,
    mu + noise.meanJitter,
    'float32',
    tfSeed(prng),
  );
  const scale = tf.randomNormal<tf.Rank.R4>(shape, sigma, noise.scaleStd, 'float32', tfSeed(prng));
  return { scale: tf.keep(scale), shift: tf.keep(shift) };
}

/** Free a draw's tensors. */
function disposeNoise(noise: Noise | null): void {
  noise?.scale?.dispose();
  noise?.shift.dispose();
}

/**
 * A noisy BN layer at position `layerIndex` among the network's normalizations: batch norm (an inner
 * `batchNorm` layer, whose gamma, beta and running statistics it exposes) followed by a <- s * a + m.
 * 'draw' passes draw new noise (freeing the previous draw), 'reuse' passes apply the last draw,
 * 'off' passes and every 'eval' pass add none. The noise Prng is seeded from `context.noiseSeed()`
 * at the first draw, not at creation, so that building the network consumes the same init stream as
 * plain BN and a noisy-BN run starts from the same weights as a BN run with the same seed.
 */
export function createNoisyBatchNorm(
  channels: number,
  config: ModelConfig,
  context: NormContext,
  layerIndex: number,
): NormLayer {
  const inner = batchNorm.create(channels, config, context);
  let prng: Prng | null = null;
  let current: Noise | null = null;
  return {
    trainable: inner.trainable,
    state: inner.state,
    apply(x, pass, weights) {
      const normalized = inner.apply(x, pass, weights);
      if (pass.mode === 'eval' || pass.noise === 'off') return normalized;
      if (pass.noise === 'draw') {
        prng ??= new Prng(context.noiseSeed());
        disposeNoise(current);
        current = null; // a throwing draw must not leave freed tensors behind
        current = drawNoise(x.shape, config.noise, layerIndex, prng);
      } else if (!current) {
        throw new Error("noisy BN: a 'reuse' pass came before any 'draw' pass");
      } else if (!tf.util.arraysEqual(current.shift.shape, x.shape)) {
        throw new Error(
          `noisy BN: 'reuse' on shape [${x.shape.join(', ')}] but the last draw had [${current.shift.shape.join(', ')}]`,
        );
      }
      const scaled = current.scale ? tf.mul(normalized, current.scale) : normalized;
      return tf.add(scaled, current.shift);
    },
    dispose() {
      disposeNoise(current);
      current = null;
      inner.dispose?.();
    },
    randomState: () => prng?.getState() ?? null,
    setRandomState(state) {
      prng ??= new Prng(0);
      prng.setState(state);
    },
  };
}

/** Batch norm with injected noise (paper sec. 2). */
export const noisyBatchNorm: NormalizationKind = {
  label: 'Noisy BN',
  create(channels, config, context) {
    return createNoisyBatchNorm(channels, config, context, context.layerIndex);
  },
};
