/**
 * `bnlab measure` end to end: a checkpoint written by `bnlab checkpoint`, measured on a given batch,
 * gives the loss the engine computes in-process on a trainer restored from the same file.
 */
import { runBnlab } from '../../helpers/bnlab';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherBatch } from '../../../src/engine/data/batches';
import { splitIndices } from '../../../src/engine/data/split';
import { decodeCheckpointFile } from '../../../src/engine/train/checkpointFile';
import { Trainer } from '../../../src/engine/train/trainer';
import { loadMnist, useBackend } from '../../helpers/engine';

const TINY = { steps: 6, batchSize: 4, evalSize: 20, model: { normalization: 'batchnorm' } };
const BATCH = [0, 1, 2, 3, 4, 5, 6, 7];

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
      measured: Record<string, number>;
    };
    expect(report.step).toBe(3);
    expect(report.batch).toEqual(BATCH);
    expect(Object.keys(report.dead)).toEqual(['conv1', 'conv2']);
    for (const metric of ['icsL2Layer2', 'icsCosLayer2', 'lossMin', 'lossMax', 'betaSmoothness']) {
      expect(Number.isFinite(report.measured[metric])).toBe(true);
    }
    for (const metric of ['q50Layer1', 'q50Layer2', 'actBeta']) {
      expect(Number.isFinite(report.measured[metric])).toBe(true);
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

  it('refuses a bad batch index with exit 2', async () => {
    const [past, notNumber] = await Promise.all([
      bnlab(['measure', file, '--batch', '0,1,10000']),
      bnlab(['measure', file, '--batch', '0,x']),
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
