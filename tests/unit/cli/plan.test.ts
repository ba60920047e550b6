/** The CLI's pure parts: inputs, sweeps, plans, flags and progress text (no workers spawned). */
import { settingPhrase } from '../../../src/shared/settingNames';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeOverDefaults } from '../../../src/cli/configPaths';
import { UsageError } from '../../../src/cli/errors';
import { readInput, type Input } from '../../../src/cli/inputs';
import { planRuns } from '../../../src/cli/plan';
import { workerExecArgv } from '../../../src/cli/pool';
import { bar, clock, overallLine, ProgressView } from '../../../src/cli/progress';
import { parseRunArgs } from '../../../src/cli/runArgs';
import { RunBook } from '../../../src/cli/runBook';
import { expandSweep } from '../../../src/cli/sweep';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

/** The message of the UsageError `f` throws. */
function usageError(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

const configInput = (config: unknown, label = 'my-run'): Input => ({
  kind: 'config',
  runs: [{ label, config: mergeOverDefaults(config, 'test') }],
  varied: [],
});

describe('config files and sweeps', () => {
  it('merges a partial config over the defaults and refuses unknown fields', () => {
    const merged = mergeOverDefaults(
      { learningRate: 0.5, model: { normalization: 'batchnorm', convFilters: [4, 4, 4] } },
      'a.json',
    );
    expect(merged).toEqual({
      ...DEFAULT_RUN_CONFIG,
      learningRate: 0.5,
      model: { ...DEFAULT_RUN_CONFIG.model, normalization: 'batchnorm', convFilters: [4, 4, 4] },
    });
    expect(
      usageError(() => mergeOverDefaults({ model: { normalisation: 'x' } }, 'a.json')),
    ).toMatch(/^a\.json: unknown field "model\.normalisation" \(model's fields are convFilters, /);
    expect(usageError(() => mergeOverDefaults([1], 'a.json'))).toMatch(/must be a JSON object/);
  });

  it('expands a sweep to the cartesian product, first field slowest, named by its values', () => {
    const runs = expandSweep(
      {
        base: { steps: 3 },
        vary: { learningRate: [0.1, 0.5], 'model.normalization': ['none', 'batchnorm'] },
      },
      's.json',
    );
    expect(runs.map((r) => r.label)).toEqual([
      'LR 0.1 · plain',
      'LR 0.1 · BN',
      'LR 0.5 · plain',
      'LR 0.5 · BN',
    ]);
    const last = runs[3]?.config as typeof DEFAULT_RUN_CONFIG;
    expect([last.steps, last.learningRate, last.model.normalization]).toEqual([
      3,
      0.5,
      'batchnorm',
    ]);
    expect(last.model.kernelSize).toBe(DEFAULT_RUN_CONFIG.model.kernelSize);
  });

  it('names the problem in a bad sweep', () => {
    expect(usageError(() => expandSweep({ vary: { lr: [1] } }, 's.json'))).toMatch(
      /s\.json: vary: unknown field "lr"/,
    );
    expect(usageError(() => expandSweep({ vary: { seed: [] } }, 's.json'))).toMatch(
      /vary\."seed" must be a non-empty array/,
    );
    expect(usageError(() => expandSweep({ vary: {} }, 's.json'))).toMatch(/"vary" must be/);
    expect(usageError(() => expandSweep({ vary: { seed: [1] }, bsae: {} }, 's.json'))).toMatch(
      /unknown sweep field "bsae"/,
    );
  });

  it('reads files, presets, and says what an unknown input is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bnlab-unit-'));
    const file = join(dir, 'bn-run.json');
    writeFileSync(file, '{"model": {"normalization": "batchnorm"}}');
    expect(readInput(file).runs[0]?.label).toBe('bn-run');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "steps": 3,\n}');
    expect(usageError(() => readInput(broken))).toMatch(/not valid JSON at line 3, column 1/);
    const preset = readInput('does-bn-work/batchnorm-lr0.5');
    expect(preset.kind).toBe('preset');
    expect(preset.runs[0]?.config).toMatchObject({ learningRate: 0.5 });
    expect(usageError(() => readInput(join(dir, 'nope.json')))).toMatch(/nope\.json: no such file/);
    expect(usageError(() => readInput('no-such/preset'))).toMatch(/neither a file nor a preset id/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('planRuns', () => {
  it('repeats runs over seeds, groups seed siblings and styles each group', () => {
    const input: Input = {
      kind: 'sweep',
      runs: expandSweep({ vary: { learningRate: [0.1, 0.5] } }, 's.json'),
      varied: ['learningRate'],
    };
    const plans = planRuns(input, { seeds: 2, steps: 7 });
    expect(plans.map((p) => [p.id, p.label, p.config.seed, p.config.steps, p.group])).toEqual([
      ['cli-1', 'LR 0.1 · seed 1', 1, 7, 'cli-group-1'],
      ['cli-2', 'LR 0.1 · seed 2', 2, 7, 'cli-group-1'],
      ['cli-3', 'LR 0.5 · seed 1', 1, 7, 'cli-group-2'],
      ['cli-4', 'LR 0.5 · seed 2', 2, 7, 'cli-group-2'],
    ]);
    expect(plans[0]?.style).toEqual(plans[1]?.style);
    expect(plans[0]?.style).not.toEqual(plans[2]?.style);
    // A single run is its own group.
    expect(planRuns(configInput({}), { seeds: 1 })[0]?.group).toBe('cli-1');
    // --dataset puts every run on one dataset, and --resume takes none.
    const onFashion = planRuns(input, { seeds: 1, dataset: 'fashion-mnist' });
    expect(onFashion.map((p) => p.config.dataset)).toEqual(['fashion-mnist', 'fashion-mnist']);
    expect(parseRunArgs(['x.json', '--dataset', 'fashion-mnist']).dataset).toBe('fashion-mnist');
    expect(usageError(() => parseRunArgs(['--resume', 'a.bnlabck', '--dataset', 'mnist']))).toMatch(
      /--dataset cannot be used with --resume/,
    );
  });

  it('validates every run first and names the run and the field', () => {
    const input: Input = {
      kind: 'sweep',
      runs: expandSweep({ vary: { learningRate: [0.1, 20, 30] } }, 's.json'),
      varied: ['learningRate'],
    };
    const message = usageError(() => planRuns(input, { seeds: 1 }));
    expect(message).toContain('run 2 (LR 20): learningRate must be at most 10');
    expect(message).toContain('run 3 (LR 30): learningRate must be at most 10');
    expect(message).not.toContain('run 1');
    expect(usageError(() => planRuns(configInput({}), { seeds: 201 }))).toMatch(/at most 200/);
    expect(usageError(() => planRuns({ ...input, varied: ['seed'] }, { seeds: 2 }))).toMatch(
      /--seeds cannot be used with a sweep that varies "seed"/,
    );
  });
});

describe('parseRunArgs', () => {
  it('reads the flags and refuses unknown or bad ones', () => {
    const options = parseRunArgs(['x.json', '--steps', '30', '--seeds=2', '--backend', 'cpu']);
    expect(options).toMatchObject({ input: 'x.json', steps: 30, seeds: 2, backend: 'cpu' });
    expect(options.workers).toBeGreaterThanOrEqual(1);
    expect(usageError(() => parseRunArgs(['x.json', '--stpes', '3']))).toMatch(
      /^unknown option --stpes/,
    );
    expect(usageError(() => parseRunArgs(['x.json', '--steps', '2.5']))).toMatch(
      /--steps must be a whole number from 1 to 100000/,
    );
    expect(usageError(() => parseRunArgs(['x.json', '--workers', '0']))).toMatch(/--workers/);
    expect(usageError(() => parseRunArgs(['x.json', '--backend', 'webgl']))).toMatch(
      /--backend must be wasm or cpu/,
    );
    expect(usageError(() => parseRunArgs(['x.json', '--out']))).toMatch(/--out needs a value/);
    expect(usageError(() => parseRunArgs([]))).toMatch(/missing <input>/);
    expect(usageError(() => parseRunArgs(['a', 'b']))).toMatch(/expected one input, got 2/);
    expect(parseRunArgs(['--list-presets']).listPresets).toBe(true);
  });

  it('keeps Node options but not module preloads for the workers', () => {
    expect(
      workerExecArgv(['--import', 'tsx', '--max-old-space-size=4096', '--import=x', '-r', 'y']),
    ).toEqual(['--max-old-space-size=4096']);
  });
});

describe('progress', () => {
  it('formats bars and durations', () => {
    expect(bar(0.5, 10)).toBe('[#####.....]');
    expect(bar(2, 4)).toBe('[####]');
    expect(clock(7)).toBe('0:07');
    expect(clock(3723)).toBe('1:02:03');
    expect(clock(NaN)).toBe('--:--');
  });

  it('logs a line per run every 10% when stderr is not a terminal', () => {
    const plans = planRuns(configInput({ steps: 100 }), { seeds: 1 });
    const book = new RunBook(plans, 'wasm', () => 0);
    const lines: string[] = [];
    const view = new ProgressView({ isTTY: false, write: (t: string) => lines.push(t) }, book);
    view.update(book.apply({ type: 'status', runId: 'cli-1', status: 'running' }));
    for (let step = 1; step <= 100; step++) {
      const progress = [{ runId: 'cli-1', step, stepsPerSecond: 10, msPerStep: 100 }];
      view.update(book.apply({ type: 'metrics', chunks: [], progress }));
    }
    view.update(book.apply({ type: 'status', runId: 'cli-1', status: 'completed' }));
    const runLines = lines.filter((l) => l.startsWith('cli-1'));
    // Started, 10% … 90%, done.
    expect(runLines).toHaveLength(11);
    expect(runLines[1]).toContain(' 10/100  10%  10.0 steps/s  ETA 0:09');
    expect(overallLine(book.runs)).toContain('100%  1/1 runs ended');
  });
});

describe('settingPhrase', () => {
  it('names the settings sweeps vary most in a few characters, others by their last segment', () => {
    expect(settingPhrase('learningRate', 0.5)).toBe('LR 0.5');
    expect(settingPhrase('model.normalization', 'batchnorm')).toBe('BN');
    expect(settingPhrase('model.normalization', 'linf')).toBe('ℓ∞');
    expect(settingPhrase('model.normalization', 'toString')).toBe('toString');
    expect(settingPhrase('model.convFilters', [8, 16])).toBe('filters [8,16]');
    expect(settingPhrase('measure.icsEvery', 10)).toBe('icsEvery 10');
    expect(settingPhrase('batchSize', 64)).toBe('batch 64');
  });
});
