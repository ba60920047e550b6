import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { gaussianLinearData } from '../../../src/engine/data/gaussian';
import { squaredErrorLoss } from '../../../src/engine/model/deepLinear';
import { LinearTrainer } from '../../../src/engine/train/linearTrainer';
import {
  DEFAULT_RUN_CONFIG,
  type DeepLinearConfig,
  type NormalizationName,
  type RunConfig,
} from '../../../src/shared/runConfig';
import { runConfig, useBackend } from '../../helpers/engine';

/** Points in the quick tests: fewer than the default 1,000 keeps the cpu backend fast. */
const SAMPLES = 200;
/** BN epsilon of the default config, used by the plain-JS reference too. */
const EPSILON = DEFAULT_RUN_CONFIG.model.epsilon;

/** A deep-linear run config: default size, full-batch, with some fields replaced. */
function linearConfig(
  overrides: {
    deepLinear?: Partial<DeepLinearConfig>;
    normalization?: NormalizationName;
    gammaInit?: number;
    learningRate?: number;
    batchSize?: number;
    seed?: number;
  } = {},
): RunConfig {
  const deepLinear = {
    ...DEFAULT_RUN_CONFIG.deepLinear,
    samples: SAMPLES,
    ...overrides.deepLinear,
  };
  return runConfig({
    task: 'deep-linear',
    deepLinear,
    learningRate: overrides.learningRate ?? 1e-3,
    batchSize: overrides.batchSize ?? deepLinear.samples,
    seed: overrides.seed ?? DEFAULT_RUN_CONFIG.seed,
    model: {
      normalization: overrides.normalization ?? 'none',
      gammaInit: overrides.gammaInit ?? DEFAULT_RUN_CONFIG.model.gammaInit,
    },
  });
}

/** Mean and (biased) variance of some numbers. */
function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  const list = Array.from(values);
  const mean = list.reduce((s, v) => s + v, 0) / list.length;
  return { mean, variance: list.reduce((s, v) => s + (v - mean) ** 2, 0) / list.length };
}

/** The network's parameters as plain numbers, in `trainable` order. */
function readParams(trainer: LinearTrainer): number[][] {
  return trainer.network.trainable.map((v) => Array.from(v.dataSync()));
}

/**
 * Reference loss in double precision, written from the definition: for each layer h <- W h (W
 * row-major [out, in]); with BN, every layer but the last then normalizes each unit over the batch
 * with its mean and biased variance, times gamma plus beta. Loss = mean_b ||f(x_b) - A x_b||^2.
 */
function referenceLoss(trainer: LinearTrainer, params: number[][]): number {
  const { width, samples, x, y } = trainer.data;
  let h = Array.from({ length: samples }, (_, b) =>
    Array.from(x.subarray(b * width, (b + 1) * width)),
  );
  for (const layer of trainer.network.layers) {
    const [w = [], gamma, beta] = layer.params.map((p) => params[p] ?? []);
    h = h.map((row) =>
      Array.from({ length: width }, (_, i) =>
        row.reduce((s, v, j) => s + (w[i * width + j] as number) * v, 0),
      ),
    );
    if (gamma && beta) {
      for (let i = 0; i < width; i++) {
        const { mean, variance } = moments(h.map((row) => row[i] as number));
        const scale = 1 / Math.sqrt(variance + EPSILON);
        for (const row of h) {
          row[i] = (gamma[i] as number) * ((row[i] as number) - mean) * scale + (beta[i] as number);
        }
      }
    }
  }
  let total = 0;
  h.forEach((row, b) => {
    row.forEach((v, i) => (total += (v - (y[b * width + i] as number)) ** 2));
  });
  return total / samples;
}

/** tfjs's gradient of the full-batch loss w.r.t. every parameter, through the `weights` option. */
function tfGradients(trainer: LinearTrainer): number[][] {
  const { width, samples } = trainer.data;
  return tf.tidy(() => {
    const x = tf.tensor2d(trainer.data.x, [samples, width]);
    const y = tf.tensor2d(trainer.data.y, [samples, width]);
    const loss = (...weights: tf.Tensor[]) =>
      squaredErrorLoss(trainer.network.forward(x, { mode: 'probe', weights }).output, y);
    const grads = tf.grads(loss)(trainer.network.trainable.map((v) => tf.clone(v)));
    return grads.map((g) => Array.from(g.dataSync()));
  });
}

/** Losses of `steps` training steps. */
async function losses(trainer: LinearTrainer, steps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.trainStep()).loss);
  return out;
}

describe('Gaussian data of the deep linear network', () => {
  const spec = { width: 10, samples: 1000, dataSeed: 3 };

  it('is the same for the same seed and differs for another', () => {
    const a = gaussianLinearData(spec);
    const b = gaussianLinearData(spec);
    const c = gaussianLinearData({ ...spec, dataSeed: 4 });
    expect(a.x).toEqual(b.x);
    expect(a.a).toEqual(b.a);
    expect(a.y).toEqual(b.y);
    expect(c.a).not.toEqual(a.a);
    expect(c.x).not.toEqual(a.x);
  });

  it('keeps A, and extends the same points, when there are more samples', () => {
    const few = gaussianLinearData({ ...spec, samples: 10 });
    const many = gaussianLinearData(spec);
    expect(few.a).toEqual(many.a);
    expect(few.x).toEqual(many.x.subarray(0, few.x.length));
  });

  it('draws x ~ N(0, I) and A ~ N(0, 1) roughly, and y = A x', () => {
    const { width, samples, a, x, y } = gaussianLinearData(spec);
    const xm = moments(x);
    expect(Math.abs(xm.mean)).toBeLessThan(0.05);
    expect(Math.abs(xm.variance - 1)).toBeLessThan(0.05);
    // Units are uncorrelated: the covariance of the first two coordinates is near 0.
    let cov = 0;
    for (let b = 0; b < samples; b++)
      cov += (x[b * width] as number) * (x[b * width + 1] as number);
    expect(Math.abs(cov / samples)).toBeLessThan(0.1);
    const am = moments(a); // only 100 entries: loose bounds
    expect(Math.abs(am.mean)).toBeLessThan(0.3);
    expect(am.variance).toBeGreaterThan(0.6);
    expect(am.variance).toBeLessThan(1.4);
    for (const b of [0, samples - 1]) {
      for (let i = 0; i < width; i++) {
        let sum = 0;
        for (let j = 0; j < width; j++)
          sum += (a[i * width + j] as number) * (x[b * width + j] as number);
        expect(y[b * width + i]).toBeCloseTo(sum, 4);
      }
    }
  });
});

describe('the deep linear network on the cpu backend', () => {
  beforeAll(() => useBackend('cpu'));

  it('has depth square weights drawn N(0, 1/width), and BN parameters when asked', () => {
    const plain = new LinearTrainer(linearConfig());
    const { depth, width } = DEFAULT_RUN_CONFIG.deepLinear;
    expect(plain.network.trainable).toHaveLength(depth);
    expect(plain.network.state).toHaveLength(0);
    const all = readParams(plain).flat();
    const { mean, variance } = moments(all);
    expect(all).toHaveLength(depth * width * width);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.sqrt(variance)).toBeCloseTo(1 / Math.sqrt(width), 1);
    const bn = new LinearTrainer(linearConfig({ normalization: 'batchnorm', gammaInit: 0.5 }));
    expect(bn.network.trainable).toHaveLength(depth + 2 * (depth - 1));
    expect(bn.network.state).toHaveLength(2 * (depth - 1));
    expect(bn.network.layers[0]?.params).toEqual([0, 1, 2]);
    expect(bn.network.layers[depth - 1]?.params).toEqual([3 * (depth - 1)]);
    // Same seed, same weights with and without BN (BN's parameters are constants).
    expect(readParams(bn)[0]).toEqual(readParams(plain)[0]);
    plain.dispose();
    bn.dispose();
  });

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'its loss at init equals a plain-JS computation of the formula (%s)',
    async (normalization) => {
      const trainer = new LinearTrainer(linearConfig({ normalization, gammaInit: 0.5 }));
      const expected = referenceLoss(trainer, readParams(trainer));
      const loss = await trainer.lossOn();
      expect(Math.abs(loss - expected) / expected).toBeLessThan(1e-5);
      // Also the loss a training step reports (before its update).
      expect((await trainer.trainStep()).loss).toBeCloseTo(loss, 3);
      trainer.dispose();
    },
  );

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'its gradient matches central finite differences of the reference loss (%s)',
    (normalization) => {
      const trainer = new LinearTrainer(
        linearConfig({ normalization, gammaInit: 0.5, deepLinear: { depth: 4, samples: 50 } }),
      );
      const params = readParams(trainer);
      const grads = tfGradients(trainer);
      const h = 1e-4;
      const middle = trainer.network.layers[1];
      if (!middle) throw new Error('a 4-layer network has a second layer');
      // Some entries of the second weight matrix, and of its gamma and beta under BN.
      const probes = middle.params.flatMap((p) => [0, 3, 7].map((entry) => [p, entry] as const));
      for (const [p, entry] of probes) {
        const at = (delta: number) => {
          const moved = params.map((values) => values.slice());
          const row = moved[p] as number[];
          row[entry] = (row[entry] as number) + delta;
          return referenceLoss(trainer, moved);
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        const analytic = grads[p]?.[entry] as number;
        expect(Math.abs(analytic - numeric)).toBeLessThan(1e-3 * Math.max(1, Math.abs(numeric)));
      }
      trainer.dispose();
    },
  );

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'a few gradient steps at LR 1e-3 lower the loss (%s)',
    async (normalization) => {
      const trainer = new LinearTrainer(linearConfig({ normalization, learningRate: 1e-3 }));
      const before = await trainer.lossOn();
      const run = await losses(trainer, 20);
      const after = await trainer.lossOn();
      expect(run[0]).toBeCloseTo(before, 3);
      // Full-batch GD at a small LR: every step lowers the loss (BN with gamma0 0.1 starts slowly).
      run.slice(1).forEach((loss, i) => expect(loss).toBeLessThan(run[i] as number));
      expect(after).toBeLessThan(0.95 * before);
      trainer.dispose();
    },
  );

  it('without BN, LR 0.1 makes the loss non-finite within 20 steps', async () => {
    const trainer = new LinearTrainer(linearConfig({ learningRate: 0.1 }));
    const run = await losses(trainer, 20);
    expect(run.some((loss) => !Number.isFinite(loss))).toBe(true);
    trainer.dispose();
  });

  it('leaks no tensor over 50 minibatch steps with BN', async () => {
    const trainer = new LinearTrainer(linearConfig({ normalization: 'batchnorm', batchSize: 20 }));
    await trainer.trainStep();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) await trainer.trainStep();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await trainer.evaluate()).toBeNull();
    trainer.dispose();
  });

  it('reruns the same losses from the same seed, minibatch order included', async () => {
    const config = linearConfig({ normalization: 'batchnorm', batchSize: 20, seed: 5 });
    const a = new LinearTrainer(config);
    const b = new LinearTrainer(config);
    const c = new LinearTrainer({ ...config, seed: 6 });
    const [la, lb, lc] = [await losses(a, 15), await losses(b, 15), await losses(c, 3)];
    expect(la).toEqual(lb);
    expect(la.every(Number.isFinite)).toBe(true);
    expect(lc).not.toEqual(la.slice(0, 3));
    for (const t of [a, b, c]) t.dispose();
  });

  it('uses BN running averages in eval mode, and refuses other normalizations', async () => {
    const trainer = new LinearTrainer(linearConfig({ normalization: 'batchnorm' }));
    const fresh = await trainer.lossOn(null, 'eval');
    await trainer.trainStep();
    expect(await trainer.lossOn(null, 'eval')).not.toBe(fresh);
    await expect(trainer.lossOn(null, 'train')).rejects.toThrow();
    trainer.dispose();
    expect(() => new LinearTrainer(linearConfig({ normalization: 'l2' }))).toThrow(/l2/);
  });
});

describe('deep linear measurements', () => {
  it('measure ICS and the landscape without changing the trajectory', async () => {
    await useBackend('cpu');
    const base = runConfig({
      task: 'deep-linear',
      learningRate: 1e-3,
      batchSize: 1000,
      deepLinear: { depth: 4, width: 5, samples: 200, dataSeed: 0 },
      model: { normalization: 'batchnorm', gammaInit: 1 },
    });
    const plain = new LinearTrainer(base);
    const measured = new LinearTrainer({
      ...base,
      measure: { ...base.measure, icsEvery: 2, landscapeEvery: 2, momentsEvery: 2 },
    });
    let last: Awaited<ReturnType<LinearTrainer['trainStep']>> | null = null;
    for (let i = 0; i < 4; i++) {
      const a = await plain.trainStep();
      last = await measured.trainStep();
      expect(last.loss).toBe(a.loss);
    }
    for (const id of [
      'icsL2Layer2',
      'icsCosLast',
      'betaSmoothness',
      'lossMin',
      'varShift1',
    ] as const) {
      expect(Number.isFinite(last?.measured?.[id]), id).toBe(true);
    }
    plain.dispose();
    measured.dispose();
  });
});
