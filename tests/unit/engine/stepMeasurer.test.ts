import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../../../src/engine/data/split';
import { Trainer } from '../../../src/engine/train/trainer';
import type { RunConfig } from '../../../src/shared/runConfig';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';

const data = loadMnist();
const split = splitIndices(data.count, 8000, 2000, 0);

/** Every measurement on, at cadences that hit and miss different steps. */
const MEASURE_ALL: RunConfig['measure'] = {
  momentsEvery: 2,
  quantilesEvery: 3,
  icsEvery: 2,
  landscapeEvery: 3,
  etaMin: 0.5,
  etaMax: 4,
  etaCount: 3,
  activationLayer: 2,
};

async function weightsOf(trainer: Trainer): Promise<number[][]> {
  return Promise.all(trainer.network.trainable.map(async (v) => Array.from(await v.data())));
}

describe('measurements', () => {
  beforeAll(() => useBackend('cpu'));

  it('never change the training trajectory: same losses and weights with and without them', async () => {
    const base = runConfig({ batchSize: 4, seed: 3, model: { normalization: 'batchnorm' } });
    const plain = new Trainer(base, data, split);
    const measured = new Trainer({ ...base, measure: MEASURE_ALL }, data, split);
    const results = [];
    for (let i = 0; i < 6; i++) {
      const a = await plain.trainStep();
      const b = await measured.trainStep();
      expect(b.loss).toBe(a.loss);
      results.push(b);
    }
    expect(await weightsOf(measured)).toEqual(await weightsOf(plain));
    // Cadences: moments changes at 2, 4, 6; ICS at 2, 4, 6; quantiles and landscape at 3, 6.
    expect(results.map((r) => r.measured?.meanShift2 !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(results.map((r) => r.measured?.icsL2Last !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(results.map((r) => r.measured?.betaSmoothness !== undefined)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(results.map((r) => r.measured?.q50Layer1 !== undefined)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    const six = results[5]!.measured!;
    for (const id of [
      'meanShift1',
      'varShift2',
      'icsL2Layer2',
      'icsCosLast',
      'lossMin',
      'lossMax',
      'gradDiffMax',
      'betaSmoothness',
      'q05Layer2',
      'q95Layer2',
      'lossChange',
      'actLossMin',
      'actBeta',
      'meanShiftRel2',
      'varShiftRel1',
      'icsRelLast',
      'costQuantilesMs',
    ] as const) {
      expect(Number.isFinite(six[id]), id).toBe(true);
    }
    expect(six.lossMin!).toBeLessThanOrEqual(six.lossMax!);
    expect(six.gradDiffMin!).toBeLessThanOrEqual(six.gradDiffMax!);
    expect(six.q05Layer2!).toBeLessThanOrEqual(six.q95Layer2!);
    expect(Math.abs(six.icsCosLast!)).toBeLessThanOrEqual(1 + 1e-6);
    expect(six.costLandscapeMs!).toBeGreaterThanOrEqual(0);
    expect(six.meanShiftClean1).toBeUndefined(); // plain BN has no noise to remove
    plain.dispose();
    measured.dispose();
  });

  it.each(['before-relu', 'blog-layout'] as const)(
    'the activation override reproduces the forward pass when given the activation it computed (%s)',
    async (placement) => {
      const trainer = new Trainer(
        runConfig({ model: { normalization: 'batchnorm', placement } }),
        data,
        split,
      );
      const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 7) as tf.Tensor4D;
      for (const block of [0, 1]) {
        const normal = trainer.network.forward(x, { mode: 'probe' });
        const value = normal.preNorm[block]!;
        const replaced = trainer.network.forward(x, {
          mode: 'probe',
          activation: { block, value },
        });
        expect(Array.from(await replaced.logits.data())).toEqual(
          Array.from(await normal.logits.data()),
        );
        const shifted = trainer.network.forward(x, {
          mode: 'probe',
          activation: { block, value: tf.add(value, 1) as tf.Tensor4D },
        });
        expect(Array.from(await shifted.logits.data())).not.toEqual(
          Array.from(await normal.logits.data()),
        );
      }
      trainer.dispose();
    },
  );

  it('leak no tensor over measured steps', async () => {
    const config = runConfig({
      batchSize: 4,
      measure: { ...MEASURE_ALL, momentsEvery: 1, icsEvery: 1, landscapeEvery: 1 },
    });
    const trainer = new Trainer(config, data, split);
    await trainer.trainStep();
    await trainer.trainStep();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) await trainer.trainStep();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
