import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../../../src/engine/gradients';
import { createNoisyBatchNorm } from '../../../src/engine/model/normalization/noisyBatchNorm';
import { NORMALIZATION_REGISTRY } from '../../../src/engine/model/normalization/registry';
import type { NormLayer } from '../../../src/engine/model/normalization/types';
import { Prng } from '../../../src/engine/random/prng';
import type { ModelConfig } from '../../../src/shared/runConfig';
import { useBackend } from '../../helpers/engine';
import {
  checkGradient,
  EPS,
  handStats,
  modelConfig,
  MOMENTUM,
  probeDraw,
  probeOff,
  probeReuse,
  SMALL,
  X,
} from './normFixtures';

beforeAll(() => useBackend('cpu'));
/** Shape of the activation the noise statistics are measured on. */
const BIG: [number, number, number, number] = [64, 8, 8, 4];
/** Elements per draw. */
const BIG_SIZE = BIG.reduce((a, b) => a * b, 1);
/** Draws whose statistics are checked. */
const DRAWS = 30;
/**
 * +1/-1 in a checkerboard: every channel has mean 0 and variance 1, so BN (gamma 1, beta 0) maps it to
 * +-1/sqrt(1 + eps) and BN(-x) = -BN(x) exactly, which lets s and m be read off two passes.
 */
const CHECKER = Array.from({ length: BIG_SIZE }, (_, i) => {
  const c = i % 4;
  const w = Math.floor(i / 4) % 8;
  const h = Math.floor(i / 32) % 8;
  const n = Math.floor(i / 256);
  return (n + h + w + c) % 2 === 0 ? 1 : -1;
});

/** Mean and (population) standard deviation of `values`. */
function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let sq = 0;
  for (let i = 0; i < values.length; i++) sq += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) };
}

/**
 * One new draw's per-element s and m: y+ = s a + m on x, then y- = -s a + m on -x with the same
 * noise ('reuse'), so m = (y+ + y-) / 2 and s = (y+ - y-) / (2a), a = BN(x) = +-1/sqrt(1 + eps).
 */
async function drawScaleShift(layer: NormLayer): Promise<{ s: Float32Array; m: Float32Array }> {
  const a = 1 / Math.sqrt(1 + EPS);
  const x = tf.tensor4d(CHECKER, BIG);
  const plus = await tf.tidy(() => layer.apply(x, probeDraw)).data();
  const minus = await tf.tidy(() => layer.apply(tf.neg(x), probeReuse)).data();
  x.dispose();
  const s = new Float32Array(BIG_SIZE);
  const m = new Float32Array(BIG_SIZE);
  for (let i = 0; i < BIG_SIZE; i++) {
    const p = plus[i] as number;
    const q = minus[i] as number;
    m[i] = (p + q) / 2;
    s[i] = (p - q) / (2 * a * (CHECKER[i] as number));
  }
  return { s, m };
}

/** A noisy BN layer over BIG's 4 channels whose noise is seeded by `seed`. */
function noisyLayer(config: ModelConfig, seed: number, layerIndex = 0): NormLayer {
  const rng = new Prng(seed);
  return createNoisyBatchNorm(
    4,
    config,
    { noiseSeed: () => rng.nextUint32(), layerIndex: 0 },
    layerIndex,
  );
}

describe('noisy batch normalization', () => {
  it('is registered as Noisy BN with BN parameters and state', () => {
    const layer = NORMALIZATION_REGISTRY['noisy-batchnorm'].create(2, modelConfig(), {
      noiseSeed: () => 1,
      layerIndex: 0,
    });
    expect(NORMALIZATION_REGISTRY['noisy-batchnorm'].label).toBe('Noisy BN');
    expect(layer.trainable).toHaveLength(2);
    expect(layer.state).toHaveLength(2);
  });

  it('draws s and m from the paper schedule', async () => {
    const config = modelConfig();
    const noise = config.noise;
    const layer = noisyLayer(config, 11);
    const drawMeansS: number[] = [];
    const drawMeansM: number[] = [];
    for (let d = 0; d < DRAWS; d++) {
      const { s, m } = await drawScaleShift(layer);
      const sStats = meanStd(s);
      const mStats = meanStd(m);
      // sigma_t in [scaleLow, scaleHigh]; the mean of 16384 samples of std 0.1 is within ~0.001 of it.
      expect(sStats.mean).toBeGreaterThan(noise.scaleLow - 0.005);
      expect(sStats.mean).toBeLessThan(noise.scaleHigh + 0.005);
      expect(sStats.std).toBeCloseTo(noise.scaleStd, 2);
      // m ~ U(mu_t -+ jitter): mean in [-meanRange, meanRange], std jitter/sqrt(3), width 2 jitter.
      expect(Math.abs(mStats.mean)).toBeLessThan(noise.meanRange + 0.005);
      expect(mStats.std).toBeCloseTo(noise.meanJitter / Math.sqrt(3), 2);
      expect(Math.max(...m) - Math.min(...m)).toBeLessThan(2 * noise.meanJitter + 1e-4);
      drawMeansS.push(sStats.mean);
      drawMeansM.push(mStats.mean);
    }
    // mu_t and sigma_t change from step to step: U(-0.5, 0.5) has std 0.29, U(1, 1.25) has 0.072.
    expect(meanStd(drawMeansM).std).toBeGreaterThan(0.15);
    expect(meanStd(drawMeansS).std).toBeGreaterThan(0.03);
    layer.dispose?.();
  });

  it('draws the blog schedule: s = 1, m ~ N(0.15, 0.3) after layer 0 and N(0.1, 0.5) after layer 1', async () => {
    // Two layers, as the network numbers them: the second one is layer 1.
    const config = modelConfig({ noise: { ...modelConfig().noise, schedule: 'blog' } });
    const rng = new Prng(5);
    const layers = [0, 1].map((layerIndex) =>
      NORMALIZATION_REGISTRY['noisy-batchnorm'].create(4, config, {
        noiseSeed: () => rng.nextUint32(),
        layerIndex,
      }),
    );
    const expected = [
      { mean: 0.15, std: 0.3 },
      { mean: 0.1, std: 0.5 },
    ];
    for (const [l, layer] of layers.entries()) {
      const { s, m } = await drawScaleShift(layer);
      for (const v of s) expect(v).toBeCloseTo(1, 5);
      const stats = meanStd(m);
      expect(Math.abs(stats.mean - (expected[l]?.mean ?? NaN))).toBeLessThan(0.015);
      expect(Math.abs(stats.std - (expected[l]?.std ?? NaN))).toBeLessThan(0.015);
      layer.dispose?.();
    }
  });

  it("takes the blog schedule's mean of its layer from the context's layerIndex", async () => {
    const config = modelConfig({
      noise: { ...modelConfig().noise, schedule: 'blog', blogStds: [0, 0] },
    });
    const create = (layerIndex: number) =>
      NORMALIZATION_REGISTRY['noisy-batchnorm'].create(4, config, {
        noiseSeed: () => 3,
        layerIndex,
      });
    const shifts: number[] = [];
    for (let k = 0; k < 4; k++) {
      const layer = create(k % 2);
      const { m } = await drawScaleShift(layer);
      shifts.push(m[0] as number);
      layer.dispose?.();
    }
    for (const [k, v] of shifts.entries()) expect(v).toBeCloseTo(k % 2 === 0 ? 0.15 : 0.1, 5);
  });

  it('gives identical noise for the same seed and different noise for another', async () => {
    const config = modelConfig();
    const x = tf.tensor4d(CHECKER, BIG);
    const outputs: Float32Array[] = [];
    for (const seed of [21, 21, 22]) {
      const layer = noisyLayer(config, seed);
      layer.apply(x, probeDraw);
      outputs.push((await layer.apply(x, probeDraw).data()) as Float32Array);
      layer.dispose?.();
    }
    expect(Array.from(outputs[1] ?? [])).toEqual(Array.from(outputs[0] ?? []));
    expect(Array.from(outputs[2] ?? [])).not.toEqual(Array.from(outputs[0] ?? []));
  });

  it("reuses the last draw, adds nothing when 'off' or in eval, and seeds itself at the first draw", async () => {
    const config = modelConfig();
    const seed = vi.fn(() => 99);
    const layer = createNoisyBatchNorm(4, config, { noiseSeed: seed, layerIndex: 0 }, 0);
    const bn = NORMALIZATION_REGISTRY.batchnorm.create(4, config, {
      noiseSeed: () => 0,
      layerIndex: 0,
    });
    expect(seed).not.toHaveBeenCalled(); // building consumes no seed: same init stream as plain BN
    const x = tf.tensor4d(
      CHECKER.map((v, i) => v * (1 + (i % 5))),
      BIG,
    );
    expect(() => layer.apply(x, probeReuse)).toThrow(/before any 'draw'/);
    const clean = Array.from(await bn.apply(x, probeOff).data());
    expect(Array.from(await layer.apply(x, probeOff).data())).toEqual(clean);
    // Eval never adds noise, even when asked to draw, and draws nothing from the stream.
    const evalClean = Array.from(await bn.apply(x, { mode: 'eval', noise: 'off' }).data());
    expect(Array.from(await layer.apply(x, { mode: 'eval', noise: 'draw' }).data())).toEqual(
      evalClean,
    );
    expect(seed).not.toHaveBeenCalled();
    const drawn = Array.from(await layer.apply(x, probeDraw).data());
    expect(drawn).not.toEqual(clean);
    expect(Array.from(await layer.apply(x, probeReuse).data())).toEqual(drawn);
    expect(Array.from(await layer.apply(x, probeOff).data())).toEqual(clean);
    expect(Array.from(await layer.apply(x, probeReuse).data())).toEqual(drawn);
    const next = Array.from(await layer.apply(x, probeDraw).data());
    expect(next).not.toEqual(drawn);
    expect(seed).toHaveBeenCalledTimes(1);
    expect(() => layer.apply(tf.tensor4d(X, SMALL), probeReuse)).toThrow(/shape/);
    layer.dispose?.();
  });

  it('honours the weights argument like BN', async () => {
    const config = modelConfig();
    const layer = createNoisyBatchNorm(2, config, { noiseSeed: () => 4, layerIndex: 0 }, 0);
    const bn = NORMALIZATION_REGISTRY.batchnorm.create(2, config, {
      noiseSeed: () => 0,
      layerIndex: 0,
    });
    const x = tf.tensor4d(X, SMALL);
    const weights = [tf.tensor1d([2, 0.5]), tf.tensor1d([0.3, -1])];
    expect(Array.from(await layer.apply(x, probeOff, weights).data())).toEqual(
      Array.from(await bn.apply(x, probeOff, weights).data()),
    );
  });

  it('updates BN running statistics in train mode only', async () => {
    const layer = createNoisyBatchNorm(2, modelConfig(), { noiseSeed: () => 4, layerIndex: 0 }, 0);
    const [runningMean] = layer.state;
    if (!runningMean) throw new Error('noisy BN has BN state');
    const x = tf.tensor4d(X, SMALL);
    layer.apply(x, probeDraw);
    expect(Array.from(await runningMean.data())).toEqual([0, 0]);
    layer.apply(x, { mode: 'train', noise: 'draw' });
    const expected = [0, 1].map((c) => MOMENTUM * handStats(c, 1).mean);
    const means = await runningMean.data();
    for (const c of [0, 1]) expect(means[c]).toBeCloseTo(expected[c] as number, 5);
    layer.dispose?.();
  });

  it('leaks no tensors over 20 draws and frees its noise on dispose', () => {
    const layer = noisyLayer(modelConfig(), 8);
    const x = tf.tensor4d(CHECKER, BIG);
    tf.tidy(() => layer.apply(x, probeDraw)).dispose();
    const before = tf.memory().numTensors;
    for (let d = 0; d < 20; d++) {
      tf.tidy(() => layer.apply(x, probeDraw)).dispose();
      tf.tidy(() => layer.apply(x, probeReuse)).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    layer.dispose?.();
    expect(tf.memory().numTensors).toBe(before - 2); // the last draw's s and m
    x.dispose();
  });

  it("matches finite differences in a 'reuse' pass", async () => {
    const layer = createNoisyBatchNorm(2, modelConfig(), { noiseSeed: () => 17, layerIndex: 0 }, 0);
    const x = tf.tensor4d(X, SMALL);
    const clean = await layer.apply(x, probeOff).data();
    const noisy = await layer.apply(x, probeDraw).data();
    expect(Array.from(noisy)).not.toEqual(Array.from(clean));
    await checkGradient((input) => layer.apply(input, probeReuse));
    layer.dispose?.();
  });
});
