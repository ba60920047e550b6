/**
 * `bnlab run` end to end: the launcher spawned as a user would (from another working directory),
 * tiny runs on the cpu and wasm backends, files checked with the app's own importer and schema.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeSchema, type Exchange } from '../../../src/shared/exchange';
import { parseImport } from '../../../src/shared/importRuns';
import { runBnlabInProcess } from '../../helpers/bnlab';

const LAUNCHER = fileURLToPath(new URL('../../../scripts/bnlab.mjs', import.meta.url));
/** Small enough that a run takes well under a second once its worker has started. */
const TINY = { steps: 4, batchSize: 4, evalSize: 20, evalEvery: 2 };

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bnlab-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the launcher in `dir`; `onStderr` sees the output so far and may signal the process. */
function bnlab(
  args: string[],
  onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Write `value` as JSON to a file in `dir`; returns its path. */
function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** The output file, checked with the importer the app uses and with the schema. */
function readOutput(path: string): Exchange {
  const text = readFileSync(path, 'utf8');
  const imported = parseImport(text);
  if (!imported.ok) throw new Error(imported.message);
  return exchangeSchema.parse(JSON.parse(text));
}

describe('bnlab run', () => {
  it('trains a partial config file into a file the app imports, every series kept', async () => {
    const out = join(dir, 'config-out.json');
    const config = file('tiny.json', TINY);
    const result = await bnlab(['run', config, '--out', out, '--workers', '1', '--backend', 'cpu']);
    expect(result.stderr).toContain('done in');
    expect(result.code).toBe(0);
    const doc = readOutput(out);
    expect(doc.producer).toBe('bnlab CLI 0.1.0');
    expect(doc.runs).toHaveLength(1);
    const [run] = doc.runs;
    expect(run).toMatchObject({
      id: 'cli-1',
      label: 'tiny',
      status: 'completed',
      step: 4,
      backend: 'cpu',
      experimentId: 'lab',
      group: 'cli-1',
      config: { ...TINY, model: { normalization: 'none' } },
    });
    expect(Object.keys(run!.series).sort()).toEqual(
      ['deadConv1', 'deadConv2', 'testAccuracy', 'trainAccuracy', 'trainLoss'].sort(),
    );
    expect(run!.series.trainLoss?.steps).toEqual([1, 2, 3, 4]);
    expect(run!.series.testAccuracy?.steps).toEqual([2, 4]);
  });

  it('trains every run of a sweep, seeds grouped, on two workers', async () => {
    const sweep = file('sweep.json', { base: TINY, vary: { learningRate: [0.05, 0.2] } });
    const out = join(dir, 'sweep-out.json');
    const args = ['run', sweep, '--seeds', '2', '--steps', '3', '--workers', '2', '--out', out];
    const result = await bnlab(args);
    expect(result.code).toBe(0);
    const runs = readOutput(out).runs;
    expect(
      runs.map((r) => [r.label, r.config.learningRate, r.config.seed, r.status, r.step]),
    ).toEqual([
      ['LR 0.05 · seed 1', 0.05, 1, 'completed', 3],
      ['LR 0.05 · seed 2', 0.05, 2, 'completed', 3],
      ['LR 0.2 · seed 1', 0.2, 1, 'completed', 3],
      ['LR 0.2 · seed 2', 0.2, 2, 'completed', 3],
    ]);
    expect(new Set(runs.map((r) => r.group)).size).toBe(2);
    expect(runs[0]!.group).toBe(runs[1]!.group);
    expect(runs[0]!.style).not.toEqual(runs[2]!.style);
  });

  it('trains a sweep over both datasets, the two curves differing; a bad --dataset exits 2', async () => {
    const sweep = file('datasets.json', {
      base: TINY,
      vary: { dataset: ['mnist', 'fashion-mnist'] },
    });
    const out = join(dir, 'datasets-out.json');
    expect((await bnlab(['run', sweep, '--workers', '2', '--out', out])).code).toBe(0);
    const runs = readOutput(out).runs;
    expect(runs.map((r) => [r.label, r.config.dataset, r.status])).toEqual([
      ['MNIST digits', 'mnist', 'completed'],
      ['Fashion-MNIST', 'fashion-mnist', 'completed'],
    ]);
    // Same seed and network, other images: other losses from the first step.
    expect(runs[0]!.series.trainLoss?.values[0]).not.toBe(runs[1]!.series.trainLoss?.values[0]);
    const forced = join(dir, 'forced-out.json');
    const bad = await bnlab(['run', sweep, '--dataset', 'cifar', '--out', forced]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dataset must be mnist or fashion-mnist (got "cifar")');
  });

  it('trains a preset by id', async () => {
    const out = join(dir, 'preset-out.json');
    const result = await bnlab([
      'run',
      'does-bn-work/batchnorm-lr0.5',
      '--steps',
      '3',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    const [run] = readOutput(out).runs;
    expect(run).toMatchObject({ label: 'CNN + BN, LR 0.5', status: 'completed', step: 3 });
    expect(run!.config).toMatchObject({ learningRate: 0.5, model: { normalization: 'batchnorm' } });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'stops cleanly on %s: exit %i, finished steps written, runs marked stopped',
    async (signal, code) => {
      const out = join(dir, `interrupted-${signal}.json`);
      let signalled = false;
      const config = file('long.json', { ...TINY, steps: 600 });
      const result = await bnlab(
        ['run', config, '--seeds', '2', '--workers', '1', '--out', out],
        (stderr, kill) => {
          // The first 10% line: the run is training. The signal goes to the launcher, which forwards it.
          if (!signalled && /\/600 +[1-9]\d%/.test(stderr)) {
            signalled = true;
            kill(signal);
          }
        },
      );
      expect(signalled).toBe(true);
      expect(result.code).toBe(code);
      const [first, second] = readOutput(out).runs;
      expect(first!.status).toBe('stopped');
      expect(first!.step).toBeGreaterThanOrEqual(60);
      expect(first!.step).toBeLessThan(600);
      expect(first!.series.trainLoss?.steps).toHaveLength(first!.step);
      expect(first!.series.trainLoss?.steps.at(-1)).toBe(first!.step);
      // The second seed never started: listed, stopped, with no steps.
      expect(second).toMatchObject({ status: 'stopped', step: 0, backend: null, series: {} });
    },
  );

  it('refuses bad input with exit 2 before training, naming the run and the field', async () => {
    const bad = file('bad-sweep.json', { base: TINY, vary: { learningRate: [0.1, 20] } });
    const ok = file('ok.json', TINY);
    const cases: [string[], RegExp][] = [
      [['run', bad], /run 2 \(LR 20\): learningRate must be at most 10/],
      [['run', file('typo.json', { learningrate: 1 })], /unknown field "learningrate"/],
      [['run', file('broken.json', '{"steps": 3,')], /broken\.json: not valid JSON/],
      [['run', join(dir, 'missing.json')], /missing\.json: no such file/],
      [['run', ok, '--speed', '3'], /unknown option --speed/],
      [['run', ok, '--steps', '0'], /--steps must be a whole number/],
      [['run', ok, '--out', join(dir, 'nowhere', 'x.json')], /does not exist/],
      [['train'], /unknown command "train"/],
    ];
    // In this process: nothing here trains, and a spawn each would only add start-up time.
    const results = await Promise.all(cases.map(([args]) => runBnlabInProcess(args)));
    results.forEach((result, i) => {
      expect(result.stderr).toMatch(cases[i]![1]);
      expect(result.stderr).not.toContain('training');
      expect(result.code).toBe(2);
    });
  });

  it('prints help with examples and exits 0', async () => {
    // The launcher once (its exit code and output pass through); the rest in this process.
    const [main, run, presets] = await Promise.all([
      bnlab(['--help']),
      runBnlabInProcess(['run', '--help']),
      runBnlabInProcess(['run', '--list-presets']),
    ]);
    expect([main.code, run.code, presets.code]).toEqual([0, 0, 0]);
    expect(main.stdout).toMatch(/Usage:[\s\S]*Examples:/);
    expect(run.stdout).toMatch(/Usage: bnlab run <input>[\s\S]*--workers[\s\S]*Examples:/);
    expect(presets.stdout).toMatch(/^does-bn-work\/batchnorm-lr0\.5 +CNN \+ BN, LR 0\.5$/m);
  });
});
