/**
 * `bnlab measure` end to end: a checkpoint written by `bnlab checkpoint`, measured on a given batch,
 * gives the loss the engine computes in-process on a trainer restored from the same file.
 */
import { runBnlab, runBnlabInProcess } from '../../helpers/bnlab';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherBatch } from '../../../src/engine/data/batches';
import { splitIndices } from '../../../src/engine/data/split';
import { decodeCheckpointFile } from '../../../src/shared/checkpointFile';
import { measureCheckpoint } from '../../../src/engine/train/measureCheckpoint';
import type { LandscapeProbe } from '../../../src/engine/train/stepDetails';
import { Trainer } from '../../../src/engine/train/trainer';
import { LinearTrainer } from '../../../src/engine/train/linearTrainer';
import { loadMnist, useBackend } from '../../helpers/engine';

const TINY = { steps: 6, batchSize: 4, evalSize: 20, model: { normalization: 'batchnorm' } };
const BATCH = [0, 1, 2, 3, 4, 5, 6, 7];
const LINEAR = {
  task: 'deep-linear',
  steps: 4,
  batchSize: 8,
  deepLinear: { depth: 3, width: 4, samples: 16 },
  model: { normalization: 'batchnorm' },
};

let dir = '';
let file = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bnlab-measure-'));
  const config = join(dir, 'tiny.json');
  writeFileSync(config, JSON.stringify(TINY));
  const saved = await bnlab([
    'checkpoint',
    config,
    '--at',
    '3',
    '--out-dir',
    dir,
    '--backend',
    'cpu',
  ]);
  if (saved.code !== 0) throw new Error(saved.stderr);
  file = join(dir, 'tiny-step3.bnlabck');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bnlab = (args: string[]) => runBnlab(args, dir);

describe('bnlab measure', () => {
  it('measures the checkpoint state on a batch: the loss the engine computes in-process', async () => {
    const result = await bnlab(['measure', file, '--batch', BATCH.join(','), '--backend', 'cpu']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      step: number;
      batch: number[];
      loss: number;
      accuracy: number;
      dead: Record<string, number>;
      metrics: Record<string, number>;
      gradientNorms: Record<string, { weight: number; all: number }>;
      moments: Record<string, { mean: number[]; variance: number[]; channelMean: number }>;
      ics: Record<string, { l2: number; cosine: number; relative: number }>;
      landscape: { grid: { count: number }; probes: LandscapeProbe[] };
      activationLandscape: { layer: number; probes: LandscapeProbe[] };
    };
    expect(report.step).toBe(3);
    expect(report.batch).toEqual(BATCH);
    expect(Object.keys(report.dead)).toEqual(['conv1', 'conv2']);
    for (const metric of ['icsL2Layer2', 'icsCosLayer2', 'lossMin', 'lossMax', 'betaSmoothness']) {
      expect(Number.isFinite(report.metrics[metric])).toBe(true);
    }
    for (const metric of ['q50Layer1', 'q50Layer2', 'actBeta']) {
      expect(Number.isFinite(report.metrics[metric])).toBe(true);
    }

    await useBackend('cpu');
    const data = loadMnist();
    const { checkpoint, config } = decodeCheckpointFile(readFileSync(file));
    const { trainSize, testSize, splitSeed } = config.data;
    const trainer = new Trainer(
      config,
      data,
      splitIndices(data.count, trainSize, testSize, splitSeed),
    );
    await trainer.restore(checkpoint);
    const expected = await trainer.lossOn(gatherBatch(data, Uint32Array.from(BATCH)));
    trainer.dispose();
    expect(report.loss).toBe(expected);

    // Every layer and every eta, as the engine measures them in-process on the same state.
    const inProcess = await measureCheckpoint(
      config,
      checkpoint,
      BATCH,
      data,
      splitIndices(data.count, trainSize, testSize, splitSeed),
      () => 0,
    );
    const details = inProcess.details;
    if (!details) throw new Error('no details kept');
    expect(Object.keys(report.gradientNorms)).toEqual(['conv1', 'conv2', 'dense']);
    details.gradNorms.forEach(({ layer, weight, all }) => {
      expect(report.gradientNorms[layer.replace(' ', '')]).toEqual({ weight, all });
      expect(all).toBeGreaterThanOrEqual(weight);
    });
    expect(Object.keys(report.ics)).toEqual(['conv2', 'dense']);
    expect(report.ics.conv2?.l2).toBe(details.ics[0]?.l2);
    expect(report.moments.conv1?.mean).toHaveLength(8);
    expect(report.moments.conv2?.variance).toEqual(details.moments[1]?.variance);
    expect(report.landscape.probes).toHaveLength(report.landscape.grid.count);
    expect(report.landscape.probes).toEqual(details.landscape);
    // The chart's summary is the min and max over these probes.
    const losses = report.landscape.probes.map((p) => p.loss);
    expect(report.metrics.lossMin).toBe(Math.min(...losses));
    expect(report.metrics.betaSmoothness).toBe(
      Math.max(...report.landscape.probes.map((p) => p.beta)),
    );
    expect(report.activationLandscape.layer).toBe(2);
    expect(report.activationLandscape.probes).toEqual(details.activationLandscape);
  }, 120_000);

  it('reads the batch from a file, the same as --batch', async () => {
    const batchFile = join(dir, 'batch.json');
    writeFileSync(batchFile, JSON.stringify(BATCH));
    const [fromFile, fromFlag] = await Promise.all([
      bnlab(['measure', file, '--batch-file', batchFile, '--backend', 'cpu']),
      bnlab(['measure', file, '--batch', BATCH.join(','), '--backend', 'cpu']),
    ]);
    expect(fromFile.code).toBe(0);
    const loss = (text: string) => (JSON.parse(text) as { loss: number }).loss;
    expect(loss(fromFile.stdout)).toBe(loss(fromFlag.stdout));
  }, 120_000);

  it('measures a deep linear network on its own points', async () => {
    const config = join(dir, 'linear.json');
    writeFileSync(config, JSON.stringify(LINEAR));
    const saved = await bnlab([
      'checkpoint',
      config,
      '--at',
      '2',
      '--out-dir',
      dir,
      '--backend',
      'cpu',
    ]);
    expect(saved.code).toBe(0);
    const linearFile = join(dir, 'linear-step2.bnlabck');
    const result = await bnlab(['measure', linearFile, '--batch', '0,1,2,3', '--backend', 'cpu']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      task: string;
      loss: number;
      gradientNorms: Record<string, { weight: number }>;
      landscape: { probes: LandscapeProbe[] };
      moments: Record<string, { mean: number[] }>;
    };
    expect(report.task).toBe('deep-linear');
    expect(Object.keys(report.gradientNorms)).toHaveLength(LINEAR.deepLinear.depth);
    expect(Object.keys(report.moments)).toHaveLength(LINEAR.deepLinear.depth - 1);
    expect(report.landscape.probes.every((p) => Number.isFinite(p.loss))).toBe(true);

    await useBackend('cpu');
    const { checkpoint, config: saved2 } = decodeCheckpointFile(readFileSync(linearFile));
    const trainer = new LinearTrainer(saved2);
    await trainer.restore(checkpoint);
    expect(report.loss).toBe(await trainer.lossOn(Uint32Array.from([0, 1, 2, 3])));
    trainer.dispose();

    const past = await runBnlabInProcess([
      'measure',
      linearFile,
      '--batch',
      `0,${LINEAR.deepLinear.samples}`,
    ]);
    expect(past.code).toBe(2);
  }, 120_000);

  it('refuses a bad batch index with exit 2', async () => {
    // In this process: refused before anything is measured.
    const [past, notNumber] = await Promise.all([
      runBnlabInProcess(['measure', file, '--batch', '0,1,10000']),
      runBnlabInProcess(['measure', file, '--batch', '0,x']),
    ]);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(
      /--batch: "10000" is not an image index \(whole numbers from 0 to 9999\)/,
    );
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/--batch: "x" is not an image index/);
    expect(past.stdout).toBe('');
  }, 60_000);
});
