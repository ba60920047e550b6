import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherBatch } from '../../../src/engine/data/batches';
import { splitIndices } from '../../../src/engine/data/split';
import { buildCnn } from '../../../src/engine/model/cnn';
import { deadChannelFraction } from '../../../src/engine/model/loss';
import { Prng } from '../../../src/engine/random/prng';
import { Trainer } from '../../../src/engine/train/trainer';
import type { NormalizationName, Placement } from '../../../src/shared/runConfig';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';

const data = loadMnist();
const split = splitIndices(data.count, 8000, 2000, 0);

async function losses(trainer: Trainer, steps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.trainStep()).loss);
  return out;
}

describe('on the cpu backend', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'the same config and seed give the same first 20 losses (%s)',
    async (normalization) => {
      // Small batches keep the slow cpu backend quick; determinism does not depend on size.
      const config = runConfig({ seed: 17, batchSize: 4, model: { normalization } });
      const a = new Trainer(config, data, split);
      const b = new Trainer(config, data, split);
      const c = new Trainer({ ...config, seed: 18 }, data, split);
      const [la, lb, lc] = [await losses(a, 20), await losses(b, 20), await losses(c, 3)];
      expect(la).toEqual(lb);
      expect(la.every(Number.isFinite)).toBe(true);
      expect(lc).not.toEqual(la.slice(0, 3));
      for (const t of [a, b, c]) t.dispose();
    },
  );

  it('a step schedule sets the rate of each step and reports it; a constant one reports nothing', async () => {
    const lrSchedule = { name: 'step' as const, stepEvery: 2, stepFactor: 0.5, minFactor: 0 };
    const scheduled = new Trainer(runConfig({ batchSize: 4, lrSchedule }), data, split);
    const rates: (number | undefined)[] = [];
    for (let i = 0; i < 5; i++) rates.push((await scheduled.trainStep()).measured?.learningRate);
    expect(rates).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const constant = new Trainer(runConfig({ batchSize: 4 }), data, split);
    expect((await constant.trainStep()).measured?.learningRate).toBeUndefined();
    scheduled.dispose();
    constant.dispose();
  });

  it.each([
    ['none', 'before-relu'],
    ['batchnorm', 'before-relu'],
    ['batchnorm', 'blog-layout'],
  ] as [NormalizationName, Placement][])(
    'one step lowers the loss on its batch (%s, %s)',
    async (normalization, placement) => {
      const trainer = new Trainer(
        runConfig({ learningRate: 0.05, model: { normalization, placement } }),
        data,
        split,
      );
      const batch = gatherBatch(data, split.train.subarray(0, 20));
      const before = await trainer.lossOn(batch);
      const step = await trainer.trainOnBatch(batch);
      const after = await trainer.lossOn(batch);
      expect(step.loss).toBeCloseTo(before, 5);
      expect(after).toBeLessThan(before);
      trainer.dispose();
    },
  );

  it.each(['sgd', 'momentum', 'adam'] as const)(
    'the %s optimizer lowers the loss on a fixed batch and leaks no tensor',
    async (name) => {
      const learningRate = name === 'adam' ? 0.003 : 0.05;
      const config = runConfig({ learningRate, optimizer: { ...runConfig().optimizer, name } });
      const trainer = new Trainer(config, data, split);
      const batch = gatherBatch(data, split.train.subarray(0, 20));
      const before = await trainer.lossOn(batch);
      await trainer.trainOnBatch(batch); // creates the optimizer's slot variables
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await trainer.trainOnBatch(batch);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(await trainer.lossOn(batch)).toBeLessThan(before);
      trainer.dispose();
    },
  );

  it('the untrained network guesses: loss near ln 10, test accuracy near 10%', async () => {
    const trainer = new Trainer(runConfig({ evalSize: 500 }), data, split);
    const batch = gatherBatch(data, split.train.subarray(0, 200));
    expect(Math.abs((await trainer.lossOn(batch)) - Math.log(10))).toBeLessThan(0.3);
    const accuracy = await trainer.evaluate();
    expect(accuracy).toBeGreaterThan(0.02);
    expect(accuracy).toBeLessThan(0.3);
    trainer.dispose();
  });

  it('builds the blog layout with the same parameter count plus BN', () => {
    const rng = new Prng(1);
    const plain = buildCnn(runConfig().model, rng);
    const bn = buildCnn(
      runConfig({ model: { normalization: 'batchnorm', placement: 'blog-layout' } }).model,
      rng,
    );
    const count = (vs: tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);
    // conv1 5*5*1*8+8, conv2 5*5*8*16+16, dense 784*10+10.
    expect(count(plain.trainable)).toBe(208 + 3216 + 7850);
    expect(count(bn.trainable)).toBe(count(plain.trainable) + 2 * (8 + 16));
    plain.dispose();
    bn.dispose();
  });

  it.each([[2], [3]])(
    'reports dead channels from its ReLU outputs, pooled or not (%i conv layers)',
    async (layers) => {
      const config = runConfig({ model: { convFilters: [8, 16, 16].slice(0, layers) } }).model;
      const network = buildCnn(config, new Prng(2));
      // A large negative bias kills a channel in every block: one of 8, one of 16, one of 16.
      for (const layer of network.layers.slice(0, layers)) {
        const bias = network.trainable[layer.params[1] as number] as tf.Variable;
        const values = Array.from(await bias.data());
        values[0] = -1e4;
        bias.assign(tf.tensor1d(values));
      }
      const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
      const out = network.forward(x, { mode: 'train' });
      // Sides 28, 14 (pooled: even) and 7 (odd: the ReLU output itself).
      expect(out.relus.map((r) => r.shape[1])).toEqual([14, 7, 7].slice(0, layers));
      const dead = await Promise.all(out.relus.map((r) => deadChannelFraction(r).data()));
      // Without normalization the ReLU's input is preNorm, full size: the count from it.
      const full = await Promise.all(
        out.preNorm.map((z) => deadChannelFraction(tf.relu(z)).data()),
      );
      expect(dead.map((d) => d[0])).toEqual(full.map((d) => d[0]));
      dead.forEach((d, i) => expect(d[0]).toBeGreaterThanOrEqual(1 / (i === 0 ? 8 : 16)));
      network.dispose();
    },
  );
});

describe('on the wasm backend', () => {
  beforeAll(() => useBackend('wasm'));

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'keeps tf.memory().numTensors flat over 200 steps and evaluations (%s)',
    async (normalization) => {
      const config = runConfig({ batchSize: 8, evalSize: 100, model: { normalization } });
      const trainer = new Trainer(config, data, split);
      await trainer.trainStep();
      await trainer.evaluate();
      const start = tf.memory().numTensors;
      for (let i = 0; i < 200; i++) {
        await trainer.trainStep();
        if (i % 50 === 0) await trainer.evaluate();
      }
      expect(tf.memory().numTensors).toBe(start);
      trainer.dispose();
    },
  );

  it.each(['none', 'batchnorm'] as NormalizationName[])(
    'frees every tensor it made when disposed (%s)',
    async (normalization) => {
      const before = tf.memory().numTensors;
      const trainer = new Trainer(
        runConfig({ evalSize: 50, model: { normalization } }),
        data,
        split,
      );
      await trainer.trainStep();
      await trainer.evaluate();
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('learns: 150 steps of BN at LR 0.1 reach well above chance on test digits', async () => {
    const trainer = new Trainer(runConfig({ model: { normalization: 'batchnorm' } }), data, split);
    await losses(trainer, 150);
    expect(await trainer.evaluate()).toBeGreaterThan(0.8);
    trainer.dispose();
  });
});

describe('a dataset of other classes and sizes', () => {
  beforeAll(() => useBackend('cpu'));

  /** `count` blank images (28 x 28 grey unless told) with labels cycling through `classes`. */
  const blank = (count: number, classes: number, side = 28, channels = 1) => ({
    count,
    rows: side,
    cols: side,
    channels,
    classes,
    labels: Uint8Array.from({ length: count }, (_, i) => i % classes),
    pixels: new Uint8Array(count * side * side * channels),
  });

  it('gives the network one output per class (3 here) and trains on it', async () => {
    const images = blank(12, 3);
    const config = runConfig({
      batchSize: 4,
      evalSize: 2,
      data: { trainSize: 8, testSize: 4, splitSeed: 0 },
    });
    const trainer = new Trainer(config, images, splitIndices(12, 8, 4, 0));
    const [loss] = await losses(trainer, 1);
    // Equal scores at the start: the loss of guessing among 3 is near ln 3.
    expect(loss).toBeCloseTo(Math.log(3), 0);
    const saved = await trainer.checkpoint(0);
    expect(saved.trainable.at(-1)?.shape).toEqual([3]);
    trainer.dispose();
  });

  it('reads colour images of any size: the first kernel takes 3 channels, the dense layer the pooled side', async () => {
    // Class 0 is all red, class 1 all blue: told apart by the channel only.
    const images = blank(12, 2, 14, 3);
    images.labels.forEach((label, i) => {
      for (let p = 0; p < 14 * 14; p++) images.pixels[(i * 14 * 14 + p) * 3 + label * 2] = 255;
    });
    const config = runConfig({
      batchSize: 8,
      evalSize: 4,
      learningRate: 0.5,
      data: { trainSize: 8, testSize: 4, splitSeed: 0 },
    });
    const trainer = new Trainer(config, images, splitIndices(12, 8, 4, 0));
    await losses(trainer, 15);
    expect(await trainer.evaluate()).toBe(1);
    const saved = await trainer.checkpoint(0);
    expect(saved.trainable[0]?.shape).toEqual([5, 5, 3, 8]);
    // 14 -> 7 -> 3 pixels a side after two poolings, 16 channels.
    expect(saved.trainable.at(-2)?.shape).toEqual([3 * 3 * 16, 2]);
    trainer.dispose();
  });

  it('refuses images too small for its conv blocks, saying the least size', () => {
    const config = runConfig({
      batchSize: 2,
      evalSize: 2,
      data: { trainSize: 4, testSize: 2, splitSeed: 0 },
    });
    expect(() => new Trainer(config, blank(6, 2, 3), splitIndices(6, 4, 2, 0))).toThrow(
      '3×3 images are too small for 2 conv blocks (each halves the side): they need at least 4×4',
    );
  });
});
