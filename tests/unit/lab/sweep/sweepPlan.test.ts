import { describe, expect, it } from 'vitest';
import {
  logRange,
  MAX_SWEEP_RUNS,
  parseValues,
  planSweep,
  sweepSeconds,
  withSetting,
} from '../../../../src/page/lab/sweep/sweepPlan';
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/runConfig';

describe('logRange', () => {
  it('spreads values evenly on a log scale from the first to the last, to 3 digits', () => {
    expect(logRange(0.01, 1, 3)).toEqual([0.01, 0.1, 1]);
    expect(logRange(0.01, 2, 8)).toEqual([0.01, 0.0213, 0.0454, 0.0969, 0.206, 0.44, 0.938, 2]);
    expect(logRange(5, 5, 1)).toEqual([5]);
  });
});

describe('parseValues', () => {
  it('reads a list of numbers, by commas or spaces, without repeats', () => {
    expect(parseValues('learningRate', '0.1, 0.5 1;0.1')).toEqual({
      ok: true,
      value: [0.1, 0.5, 1],
    });
  });

  it('reads a log range "from..to xN"', () => {
    expect(parseValues('learningRate', '0.01..1 x3')).toEqual({ ok: true, value: [0.01, 0.1, 1] });
    expect(parseValues('learningRate', '0.01 .. 1 ×3')).toEqual({
      ok: true,
      value: [0.01, 0.1, 1],
    });
  });

  it('reads names for settings with a fixed list', () => {
    expect(parseValues('model.normalization', 'none, batchnorm')).toEqual({
      ok: true,
      value: ['none', 'batchnorm'],
    });
  });

  it('says what is wrong with bad values', () => {
    expect(parseValues('learningRate', '')).toEqual({
      ok: false,
      message: 'type the learning rate values',
    });
    expect(parseValues('learningRate', '0.1, fast')).toEqual({
      ok: false,
      message: '“fast” is not a number (e.g. 0.01..2 x8)',
    });
    expect(parseValues('learningRate', '0..1 x4')).toEqual({
      ok: false,
      message: 'a log range needs 0 < from < to, as in 0.01..2 x8',
    });
    expect(parseValues('learningRate', '0.1..1 x99')).toEqual({
      ok: false,
      message: 'a range takes 2 to 16 values',
    });
    expect(parseValues('model.normalization', 'none, groupnorm')).toEqual({
      ok: false,
      message: '“groupnorm” is not one of none, batchnorm, noisy-batchnorm, l1, l2, linf',
    });
  });
});

describe('withSetting', () => {
  it('sets a top-level or nested setting on a copy', () => {
    const lr = withSetting(DEFAULT_RUN_CONFIG, 'learningRate', 0.7);
    expect(lr.learningRate).toBe(0.7);
    const bn = withSetting(DEFAULT_RUN_CONFIG, 'model.normalization', 'batchnorm');
    expect(bn.model.normalization).toBe('batchnorm');
    expect(bn.model.convFilters).toBe(DEFAULT_RUN_CONFIG.model.convFilters);
    expect(DEFAULT_RUN_CONFIG.model.normalization).not.toBe('batchnorm');
  });
});

describe('planSweep', () => {
  it('crosses two settings, the first varying slowest, and names each configuration', () => {
    const plan = planSweep(
      DEFAULT_RUN_CONFIG,
      [
        { field: 'learningRate', text: '0.1, 0.5' },
        { field: 'model.normalization', text: 'none, batchnorm' },
      ],
      2,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.map((c) => c.name)).toEqual([
      'LR 0.1 · plain',
      'LR 0.1 · BN',
      'LR 0.5 · plain',
      'LR 0.5 · BN',
    ]);
    expect(plan.value.map((c) => [c.config.learningRate, c.config.model.normalization])).toEqual([
      [0.1, 'none'],
      [0.1, 'batchnorm'],
      [0.5, 'none'],
      [0.5, 'batchnorm'],
    ]);
  });

  it('sweeps the dataset: the same runs on digits and on clothes, named by dataset', () => {
    const plan = planSweep(
      DEFAULT_RUN_CONFIG,
      [
        { field: 'dataset', text: 'mnist, fashion-mnist' },
        { field: 'model.normalization', text: 'none, batchnorm' },
      ],
      1,
    );
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.map((c) => [c.name, c.config.dataset])).toEqual([
      ['MNIST digits · plain', 'mnist'],
      ['MNIST digits · BN', 'mnist'],
      ['Fashion-MNIST · plain', 'fashion-mnist'],
      ['Fashion-MNIST · BN', 'fashion-mnist'],
    ]);
    expect(parseValues('dataset', 'mnist, cifar')).toEqual({
      ok: false,
      message: '“cifar” is not one of mnist, fashion-mnist',
    });
  });

  it('checks every configuration with the run schema and names the one that fails', () => {
    const plan = planSweep(DEFAULT_RUN_CONFIG, [{ field: 'learningRate', text: '0.1, 50' }], 1);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.message).toMatch(/^LR 50: learningRate /);
  });

  it('refuses more runs than the limit, the same setting twice, and no setting', () => {
    const big = planSweep(DEFAULT_RUN_CONFIG, [{ field: 'learningRate', text: '0.01..1 x16' }], 8);
    expect(big).toEqual({
      ok: false,
      message: `16 configurations × 8 seeds is 128 runs; the limit is ${MAX_SWEEP_RUNS}`,
    });
    const twice = planSweep(
      DEFAULT_RUN_CONFIG,
      [
        { field: 'learningRate', text: '0.1' },
        { field: 'learningRate', text: '0.2' },
      ],
      1,
    );
    expect(twice).toEqual({ ok: false, message: 'sweep two different settings' });
    expect(planSweep(DEFAULT_RUN_CONFIG, [], 1)).toEqual({
      ok: false,
      message: 'choose a setting to sweep',
    });
  });
});

describe('sweepSeconds', () => {
  it('scales the probe time per step by batch size, steps, configurations and seeds', () => {
    const configs = [
      { name: 'a', config: { ...DEFAULT_RUN_CONFIG, steps: 100, batchSize: 20 } },
      { name: 'b', config: { ...DEFAULT_RUN_CONFIG, steps: 100, batchSize: 40 } },
    ];
    // (100 + 200) batch-20 steps x 3 seeds x 10 ms.
    expect(sweepSeconds(configs, 3, 10)).toBeCloseTo(9, 12);
    expect(sweepSeconds(configs, 3, undefined)).toBeNaN();
  });
});
