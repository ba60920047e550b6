import { describe, expect, it } from 'vitest';
import {
  bestValue,
  finalValue,
  meanOfLast,
  stalledFraction,
  stepsToReach,
  SUMMARIES,
  type SummarySeries,
} from '../../../../src/experiments/sweep/summaries';

/** A series of (step, value) pairs. */
const series = (steps: number[], values: number[]): SummarySeries => ({
  steps,
  values,
  length: steps.length,
});

describe('finalValue', () => {
  it('is the last finite value, skipping a diverged NaN tail', () => {
    expect(finalValue(series([1, 2, 3], [2.3, 1.1, 0.7]))).toBe(0.7);
    expect(finalValue(series([1, 2, 3, 4], [2.3, 1.1, NaN, Infinity]))).toBe(1.1);
  });

  it('is NaN without a finite point or a series', () => {
    expect(finalValue(series([1, 2], [NaN, NaN]))).toBeNaN();
    expect(finalValue(series([], []))).toBeNaN();
    expect(finalValue(undefined)).toBeNaN();
  });

  it('reads only the first `length` entries (the store keeps spare capacity)', () => {
    expect(finalValue({ steps: [1, 2, 0], values: [0.5, 0.6, 0], length: 2 })).toBe(0.6);
  });
});

describe('bestValue', () => {
  const accuracy = series([20, 40, 60, 80], [0.3, 0.91, 0.91, 0.85]);
  it('takes the largest when higher is better and the smallest otherwise', () => {
    expect(bestValue(accuracy, true)).toBe(0.91);
    expect(bestValue(accuracy, false)).toBe(0.3);
  });

  it('ignores NaN and infinities, and is NaN when nothing is left', () => {
    expect(bestValue(series([1, 2, 3], [NaN, 2, -Infinity]), false)).toBe(2);
    expect(bestValue(series([1], [NaN]), true)).toBeNaN();
  });
});

describe('meanOfLast', () => {
  it('averages the points of the last N steps, by step and not by count', () => {
    // Test accuracy every 20 steps: the last 50 steps (after step 50) hold steps 60, 80 and 100.
    const s = series([20, 40, 60, 80, 100], [0.2, 0.4, 0.6, 0.8, 1.0]);
    expect(meanOfLast(s, 50)).toBeCloseTo(0.8, 12);
    expect(meanOfLast(s, 1)).toBe(1);
    expect(meanOfLast(s, 1000)).toBeCloseTo(0.6, 12);
  });

  it('skips NaN points in the window and is NaN when the window has no finite one', () => {
    expect(meanOfLast(series([1, 2, 3, 4], [1, 2, NaN, 4]), 3)).toBe(3);
    expect(meanOfLast(series([1, 2], [1, NaN]), 1)).toBeNaN();
    expect(meanOfLast(series([], []), 10)).toBeNaN();
  });
});

describe('stepsToReach', () => {
  const accuracy = series([20, 40, 60, 80], [0.5, 0.89, 0.9, 0.95]);
  it('is the first step at or above the level when higher is better', () => {
    // 0.9 exactly counts as reached (a tie).
    expect(stepsToReach(accuracy, 0.9, true)).toBe(60);
    expect(stepsToReach(accuracy, 0.5, true)).toBe(20);
  });

  it('is the first step at or below the level when lower is better', () => {
    const loss = series([1, 2, 3], [2.3, 0.5, 0.4]);
    expect(stepsToReach(loss, 0.5, false)).toBe(2);
  });

  it('is NaN when the level is never reached; NaN points never reach it', () => {
    expect(stepsToReach(accuracy, 0.99, true)).toBeNaN();
    expect(stepsToReach(series([1, 2], [NaN, NaN]), 0, false)).toBeNaN();
  });
});

describe('stalledFraction', () => {
  it('counts the steps at which some conv layer had >= 95% dead channels', () => {
    const all = {
      deadConv1: series([1, 2, 3, 4], [0, 0, 0.5, 0]),
      // Exactly 0.95 counts (the engine's threshold is inclusive).
      deadConv2: series([1, 2, 3, 4], [0.1, 0.95, 1, 0.94]),
    };
    expect(stalledFraction(all)).toBe(0.5);
  });

  it('counts a step once however many layers are dead, and the union of recorded steps', () => {
    const all = {
      deadConv1: series([1, 2], [1, 1]),
      deadConv2: series([2, 3], [1, 0]),
    };
    expect(stalledFraction(all)).toBeCloseTo(2 / 3, 12);
  });

  it('is NaN for a run without dead-ReLU series (the deep linear net)', () => {
    expect(stalledFraction({})).toBeNaN();
    expect(stalledFraction({ trainLoss: series([1], [2]) })).toBeNaN();
  });
});

describe('SUMMARIES', () => {
  const testAccuracy = series([20, 40, 60], [0.4, 0.95, 0.9]);
  const input = (parameter: number) => ({
    series: testAccuracy,
    all: { testAccuracy },
    metric: 'testAccuracy' as const,
    parameter,
  });
  it('computes each summary from the chosen metric with its parameter', () => {
    expect(SUMMARIES.final.compute(input(0))).toBe(0.9);
    expect(SUMMARIES.best.compute(input(0))).toBe(0.95);
    expect(SUMMARIES.meanOfLast.compute(input(30))).toBeCloseTo(0.925, 12);
    expect(SUMMARIES.stepsToReach.compute(input(0.9))).toBe(40);
    expect(SUMMARIES.stalled.compute(input(0))).toBeNaN();
  });

  it('labels the axis after the metric and the parameter', () => {
    expect(SUMMARIES.final.axisLabel('testAccuracy', 0)).toBe('final test accuracy');
    expect(SUMMARIES.stepsToReach.axisLabel('testAccuracy', 0.9)).toBe(
      'steps to test accuracy ≥ 90%',
    );
    expect(SUMMARIES.stepsToReach.axisLabel('trainLoss', 0.5)).toBe('steps to train loss ≤ 0.5');
    expect(SUMMARIES.final.isFraction('testAccuracy')).toBe(true);
    expect(SUMMARIES.final.isFraction('trainLoss')).toBe(false);
  });
});
