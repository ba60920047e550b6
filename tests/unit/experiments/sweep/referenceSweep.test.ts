import { describe, expect, it } from 'vitest';
import {
  referenceSweepFigure,
  referenceSweepRuns,
  stepSizeFindings,
} from '../../../../src/experiments/sweep/referenceSweep';
import type { Reference, ReferenceOutcome, ReferenceRun } from '../../../../src/shared/reference';
import { DEFAULT_RUN_CONFIG, type NormalizationName } from '../../../../src/shared/runConfig';

const outcome = (seed: number, accuracy: number | null, stalled = false): ReferenceOutcome => ({
  seed,
  status: stalled ? 'stalled' : 'completed',
  steps: stalled ? 30 : 300,
  finalTestAccuracy: accuracy,
  means: {},
  earlyMeans: {},
});

function run(norm: NormalizationName, lr: number, outcomes: ReferenceOutcome[]): ReferenceRun {
  const { seed: _seed, ...config } = {
    ...DEFAULT_RUN_CONFIG,
    learningRate: lr,
    model: { ...DEFAULT_RUN_CONFIG.model, normalization: norm },
  };
  return {
    key: `${norm}-lr${lr}`,
    label: `${norm} ${lr}`,
    panel: 'sweep',
    style: { color: '#000000', dashed: false },
    config,
    seeds: outcomes.map((o) => o.seed),
    outcomes,
    firstLosses: [],
    series: {},
  };
}

/** Plain trains at 0.1 and fails at 1 on 2 of 2 seeds; BN trains at both. */
const REFERENCE: Reference = {
  format: 'bnlab-reference',
  version: 3,
  experimentId: 'step-size',
  settings: {
    steps: 300,
    gammaInit: 0.1,
    placement: 'before-relu',
    dataset: 'mnist',
    seed: 1,
    evalEvery: 100,
    learningRates: [0.1, 1],
  },
  engineVersion: '0.1.0',
  backend: 'wasm',
  date: '2026-12-05',
  runs: [
    run('none', 0.1, [outcome(1, 0.92), outcome(2, 0.9)]),
    run('none', 1, [outcome(1, null, true), outcome(2, 0.1, true)]),
    run('batchnorm', 0.1, [outcome(1, 0.94), outcome(2, 0.94)]),
    run('batchnorm', 1, [outcome(1, 0.91), outcome(2, 0.95)]),
  ],
};

describe('referenceSweepRuns', () => {
  it('makes one run per seed whose only test-accuracy point is its final one', () => {
    const runs = referenceSweepRuns(REFERENCE);
    expect(runs).toHaveLength(8);
    expect(runs[0]).toMatchObject({ id: 'none-lr0.1-seed1', status: 'completed' });
    expect(runs[0]?.config.seed).toBe(1);
    expect(runs[0]?.series.testAccuracy).toEqual({ steps: [300], values: [0.92], length: 1 });
    // No evaluation before it stalled: NaN, drawn as a mark on the axis.
    expect(runs[2]?.series.testAccuracy?.values[0]).toBeNaN();
  });
});

describe('referenceSweepFigure', () => {
  it('draws a line per normalization with the seeds as mean and band, stalls marked', () => {
    const figure = referenceSweepFigure(REFERENCE);
    expect(figure.lines.map((l) => l.name)).toEqual(['plain', 'BN']);
    const [plain, bn] = figure.lines;
    expect(plain?.points[0]).toMatchObject({ x: 0.1, low: 0.9, high: 0.92, counted: 2 });
    expect(plain?.points[1]).toMatchObject({ x: 1, mean: 0.1, counted: 1, runs: 2 });
    expect(plain?.marks.map((m) => m.kind)).toEqual(['stalled', 'stalled']);
    expect(bn?.marks).toEqual([]);
  });
});

describe('stepSizeFindings', () => {
  it('names each normalization’s best rate, the rates that train and the first failure', () => {
    const [plain, bn] = stepSizeFindings(REFERENCE);
    expect(plain).toEqual({
      normalization: 'none',
      best: { lr: 0.1, accuracy: expect.closeTo(0.91, 12) },
      trains: [0.1],
      firstFailure: { lr: 1, seeds: 2, of: 2 },
    });
    expect(bn).toEqual({
      normalization: 'batchnorm',
      best: { lr: 0.1, accuracy: 0.94 },
      trains: [0.1, 1],
      firstFailure: null,
    });
  });
});
