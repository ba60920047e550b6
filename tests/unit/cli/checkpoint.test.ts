/**
 * `bnlab checkpoint` and `bnlab run --resume` end to end: the launcher spawned as a user would, a
 * tiny run on the cpu backend saved at step 3 and resumed to step 6 matches one trained straight.
 */
import { runBnlab, runBnlabInProcess } from '../../helpers/bnlab';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpointFile, encodeCheckpointFile } from '../../../src/shared/checkpointFile';
import { exchangeSchema, type Exchange } from '../../../src/shared/exchange';
import { parseImport } from '../../../src/shared/importRuns';

/** BN and momentum, so running statistics and optimizer slots must survive the file too. */
const TINY = {
  steps: 6,
  batchSize: 4,
  evalSize: 20,
  evalEvery: 3,
  model: { normalization: 'batchnorm' },
  optimizer: { name: 'momentum' },
};

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bnlab-ckpt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bnlab = (args: string[]) => runBnlab(args, dir);

function readOutput(path: string): Exchange {
  const text = readFileSync(path, 'utf8');
  const imported = parseImport(text);
  if (!imported.ok) throw new Error(imported.message);
  return exchangeSchema.parse(JSON.parse(text));
}

describe('bnlab checkpoint and run --resume', () => {
  it('resumes from step 3 to the same losses as 6 steps straight, and past them with --steps', async () => {
    const config = join(dir, 'tiny.json');
    writeFileSync(config, JSON.stringify(TINY));
    const straightOut = join(dir, 'straight.json');
    const [straight, saved] = await Promise.all([
      bnlab(['run', config, '--out', straightOut, '--workers', '1', '--backend', 'cpu']),
      bnlab(['checkpoint', config, '--at', '3', '--out-dir', dir, '--backend', 'cpu']),
    ]);
    expect(straight.code).toBe(0);
    expect(saved.stderr).toContain('wrote step 3');
    expect(saved.code).toBe(0);
    const file = join(dir, 'tiny-step3.bnlabck');
    expect(existsSync(file)).toBe(true);

    // Resumed with --steps 7: the file holds what the run needs to go past its config's end.
    const resumedOut = join(dir, 'resumed.json');
    const resumed = await bnlab([
      'run',
      '--resume',
      file,
      '--steps',
      '7',
      '--out',
      resumedOut,
      '--backend',
      'cpu',
    ]);
    expect(resumed.stderr).toContain('done in');
    expect(resumed.code).toBe(0);

    const expected = readOutput(straightOut).runs[0]!.series.trainLoss!;
    const [run] = readOutput(resumedOut).runs;
    expect(run).toMatchObject({ status: 'completed', step: 7, config: { steps: 7 } });
    const got = run!.series.trainLoss!;
    expect(got.steps).toEqual([4, 5, 6, 7]);
    // Steps 4 to 6 are those of the run trained straight, exactly.
    expect(got.values.slice(0, 3)).toEqual(expected.values.slice(3));
    expect(got.values.every(Number.isFinite)).toBe(true);
  }, 120_000);

  it('refuses a truncated checkpoint with exit 2 and says why', async () => {
    const config = join(dir, 'short.json');
    writeFileSync(config, JSON.stringify({ ...TINY, steps: 2 }));
    const saved = await bnlab([
      'checkpoint',
      config,
      '--at',
      '1',
      '--out-dir',
      dir,
      '--backend',
      'cpu',
    ]);
    expect(saved.code).toBe(0);
    const whole = readFileSync(join(dir, 'short-step1.bnlabck'));
    const cut = join(dir, 'cut.bnlabck');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const out = join(dir, 'never.json');
    // The refusals run in this process: each comes before any training.
    const result = await runBnlabInProcess(['run', '--resume', cut, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cut\.bnlabck: checkpoint file: tensor .* truncated or corrupt/);
    expect(existsSync(out)).toBe(false);

    // A well-formed file whose tensors do not fit its config's network.
    const { checkpoint, config: saved1 } = decodeCheckpointFile(whole);
    const wide = { ...saved1, model: { ...saved1.model, convFilters: [8, 32] } };
    const misfit = join(dir, 'misfit.bnlabck');
    writeFileSync(misfit, encodeCheckpointFile(checkpoint, wide));
    const refused = await runBnlabInProcess(['run', '--resume', misfit, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /misfit: does not fit its config: checkpoint trainable tensor \d+ has shape \[5, 5, 8, 16\]/,
    );
    expect(existsSync(out)).toBe(false);

    const ended = await runBnlabInProcess([
      'run',
      '--resume',
      join(dir, 'short-step1.bnlabck'),
      '--steps',
      '1',
    ]);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(/checkpoint is at step 1 and the run ends at step 1/);
  }, 120_000);

  it('checks its flags and prints help', async () => {
    // In this process: nothing here trains.
    const help = await runBnlabInProcess(['checkpoint', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('bnlab checkpoint <input> --at');
    const noAt = await runBnlabInProcess([
      'checkpoint',
      'does-bn-work/batchnorm-lr0.5',
      '--out-dir',
      dir,
    ]);
    expect(noAt.code).toBe(2);
    expect(noAt.stderr).toMatch(/missing --at/);
    const past = await runBnlabInProcess([
      'checkpoint',
      join(dir, 'tiny.json'),
      '--at',
      '9',
      '--out-dir',
      dir,
    ]);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/--at 9 is past the run's last step \(6\)/);
    const intoFile = await runBnlabInProcess([
      'checkpoint',
      join(dir, 'tiny.json'),
      '--at',
      '2',
      '--out-dir',
      join(dir, 'tiny.json'),
    ]);
    expect(intoFile.code).toBe(2);
    expect(intoFile.stderr).toMatch(/--out-dir: .*tiny\.json is a file, not a folder/);
  });
});
