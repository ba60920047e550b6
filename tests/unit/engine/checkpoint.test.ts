import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../../../src/engine/data/split';
import { LinearTrainer } from '../../../src/engine/train/linearTrainer';
import { Trainer } from '../../../src/engine/train/trainer';
import type { NormalizationName, OptimizerName, RunConfig } from '../../../src/shared/runConfig';
import { decodeCheckpointFile, encodeCheckpointFile } from '../../../src/shared/checkpointFile';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';

const data = loadMnist();
const split = splitIndices(data.count, 8000, 2000, 0);

async function losses(trainer: { trainStep(): Promise<{ loss: number }> }, steps: number) {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.trainStep()).loss);
  return out;
}

describe('checkpoints on the cpu backend', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([
    ['none', 'sgd'],
    ['batchnorm', 'momentum'],
    ['noisy-batchnorm', 'adam'],
  ] as [NormalizationName, OptimizerName][])(
    '%s with %s: 4 steps, checkpoint, a fresh trainer restores it, 4 more = 8 straight',
    async (normalization, name) => {
      const config: RunConfig = {
        ...runConfig({ seed: 3, batchSize: 4, evalSize: 50, model: { normalization } }),
        optimizer: { ...DEFAULT_RUN_CONFIG.optimizer, name },
        learningRate: name === 'adam' ? 0.001 : 0.05,
      };
      const straight = new Trainer(config, data, split);
      const expected = await losses(straight, 8);
      const first = new Trainer(config, data, split);
      await losses(first, 4);
      const checkpoint = await first.checkpoint(1234);
      expect(checkpoint.step).toBe(4);
      expect(checkpoint.elapsedMs).toBe(1234);
      const resumed = new Trainer(config, data, split);
      await resumed.restore(checkpoint);
      expect(resumed.step).toBe(4);
      expect(await losses(resumed, 4)).toEqual(expected.slice(4));
      expect(await resumed.evaluate()).toBe(await straight.evaluate());
      for (const t of [straight, first, resumed]) t.dispose();
    },
  );

  it('every measured series goes on after a resume as if uninterrupted, through the file format too', async () => {
    const config: RunConfig = {
      ...runConfig({
        seed: 5,
        batchSize: 4,
        evalSize: 50,
        model: { normalization: 'noisy-batchnorm' },
      }),
      measure: {
        ...DEFAULT_RUN_CONFIG.measure,
        momentsEvery: 1,
        quantilesEvery: 4,
        icsEvery: 4,
        landscapeEvery: 4,
        etaCount: 2,
      },
    };
    /** Every value measured per step, without the timings (wall-clock costs differ run to run). */
    const measured = async (trainer: Trainer, steps: number) => {
      const out: Record<string, number>[] = [];
      for (let i = 0; i < steps; i++) {
        const result = await trainer.trainStep();
        out.push(
          Object.fromEntries(
            Object.entries({ loss: result.loss, ...result.measured }).filter(
              ([id]) => !id.startsWith('cost'),
            ),
          ),
        );
      }
      return out;
    };
    const straight = new Trainer(config, data, split);
    const expected = await measured(straight, 8);
    // The step after a resume reports its changes (the first step of all cannot).
    expect(Object.keys(expected[4] ?? {})).toEqual(
      expect.arrayContaining(['lossChange', 'meanShift1', 'varShiftClean2']),
    );
    const first = new Trainer(config, data, split);
    await measured(first, 4);
    const file = encodeCheckpointFile(await first.checkpoint(0), config);
    const resumed = new Trainer(config, data, split);
    await resumed.restore(decodeCheckpointFile(file).checkpoint);
    expect(await measured(resumed, 4)).toEqual(expected.slice(4));
    for (const t of [straight, first, resumed]) t.dispose();
  });

  it('the deep linear network with minibatches resumes the same way', async () => {
    const config: RunConfig = {
      ...runConfig({ task: 'deep-linear', batchSize: 50, learningRate: 0.003, seed: 2 }),
      model: { ...DEFAULT_RUN_CONFIG.model, normalization: 'batchnorm', gammaInit: 1 },
      deepLinear: { depth: 4, width: 5, samples: 200, dataSeed: 1 },
    };
    const straight = new LinearTrainer(config);
    const expected = await losses(straight, 6);
    const first = new LinearTrainer(config);
    await losses(first, 3);
    const resumed = new LinearTrainer(config);
    await resumed.restore(await first.checkpoint(0));
    expect(await losses(resumed, 3)).toEqual(expected.slice(3));
    for (const t of [straight, first, resumed]) t.dispose();
  });

  it('refuses a checkpoint of another network or version, naming what differs', async () => {
    const small = new Trainer(runConfig({ batchSize: 4 }), data, split);
    await small.trainStep();
    const checkpoint = await small.checkpoint(0);
    const wide = new Trainer(
      runConfig({ batchSize: 4, model: { convFilters: [8, 32] } }),
      data,
      split,
    );
    await expect(wide.restore(checkpoint)).rejects.toThrow(
      /checkpoint trainable tensor 2 has shape \[5, 5, 8, 16\]; the network's is \[5, 5, 8, 32\]/,
    );
    await expect(small.restore({ ...checkpoint, version: 9 as 1 })).rejects.toThrow(
      /checkpoint version 9; this engine reads version 1/,
    );
    small.dispose();
    wide.dispose();
  });
});
