import { describe, expect, it } from 'vitest';
import {
  pointOf,
  sweepCsv,
  sweepFigure,
  type SweepRun,
  type SweepSpec,
} from '../../../../src/experiments/sweep/sweepLines';
import { DEFAULT_RUN_CONFIG, type NormalizationName } from '../../../../src/shared/runConfig';
import type { RunStatus } from '../../../../src/shared/runStatus';

/** A run at `lr` with `normalization` whose test accuracy ends at `final`. */
function run(
  id: string,
  lr: number,
  normalization: NormalizationName,
  final: number,
  status: RunStatus = 'completed',
): SweepRun {
  return {
    id,
    label: id,
    status,
    config: {
      ...DEFAULT_RUN_CONFIG,
      learningRate: lr,
      model: { ...DEFAULT_RUN_CONFIG.model, normalization },
    },
    series: { testAccuracy: { steps: [20, 40], values: [0.1, final], length: 2 } },
  };
}

const SPEC: SweepSpec = {
  x: 'learningRate',
  line: 'model.normalization',
  summary: 'final',
  metric: 'testAccuracy',
  parameter: 0,
};

describe('sweepFigure', () => {
  it('draws a line per normalization and a point per learning rate, seeds averaged with a band', () => {
    const figure = sweepFigure(
      [
        run('p1', 0.1, 'none', 0.9),
        run('p2', 0.1, 'none', 0.8),
        run('p3', 0.5, 'none', 0.1, 'stalled'),
        run('b1', 0.5, 'batchnorm', 0.92),
        run('b2', 0.1, 'batchnorm', 0.94),
      ],
      SPEC,
      true,
    );
    expect(figure.xs).toEqual([0.1, 0.5]);
    expect(figure.lines.map((l) => l.name)).toEqual(['plain', 'BN']);
    const [plain, bn] = figure.lines;
    expect(plain?.points).toEqual([
      { x: 0.1, mean: expect.closeTo(0.85, 12), low: 0.8, high: 0.9, counted: 2, runs: 2 },
      { x: 0.5, mean: 0.1, low: 0.1, high: 0.1, counted: 1, runs: 1 },
    ]);
    // Points go by x even when the runs came in another order.
    expect(bn?.points.map((p) => p.x)).toEqual([0.1, 0.5]);
    // The stalled run stays in the mean and is marked where it ended.
    expect(plain?.marks).toEqual([{ x: 0.5, y: 0.1, kind: 'stalled', runId: 'p3', label: 'p3' }]);
    // Normalizations keep their article look: plain orange dashed, BN blue solid.
    expect(plain?.style.dashed).toBe(true);
    expect(bn?.style.dashed).toBe(false);
    expect(plain?.style.color).not.toBe(bn?.style.color);
  });

  it('keeps a diverged run with no finite value as a mark at NaN (the axis edge), out of the mean', () => {
    const diverged: SweepRun = {
      ...run('d', 1, 'none', NaN, 'diverged'),
      series: { testAccuracy: { steps: [20], values: [NaN], length: 1 } },
    };
    const figure = sweepFigure([diverged, run('ok', 1, 'none', 0.5)], SPEC, true);
    const [line] = figure.lines;
    expect(line?.points).toEqual([{ x: 1, mean: 0.5, low: 0.5, high: 0.5, counted: 1, runs: 2 }]);
    expect(line?.marks).toHaveLength(1);
    expect(line?.marks[0]?.kind).toBe('diverged');
    expect(line?.marks[0]?.y).toBeNaN();
  });

  it('leaves out runs a log axis cannot place, and counts them', () => {
    const figure = sweepFigure(
      [run('zero', 0, 'none', 0.5), run('a', 0.1, 'none', 0.5)],
      SPEC,
      true,
    );
    expect(figure.skipped).toBe(1);
    expect(figure.xs).toEqual([0.1]);
    // On a linear axis 0 is a place like any other.
    expect(sweepFigure([run('zero', 0, 'none', 0.5)], SPEC, false).xs).toEqual([0]);
  });

  it('draws one line when split by nothing, and nothing without runs', () => {
    const figure = sweepFigure(
      [run('a', 0.1, 'none', 0.5), run('b', 0.1, 'batchnorm', 0.7)],
      { ...SPEC, line: '' },
      true,
    );
    expect(figure.lines).toHaveLength(1);
    expect(figure.lines[0]?.points[0]?.mean).toBeCloseTo(0.6, 12);
    expect(sweepFigure([], SPEC, true)).toEqual({ lines: [], xs: [], skipped: 0 });
  });
});

describe('pointOf', () => {
  it('is NaN throughout when no run has a value', () => {
    expect(pointOf(2, [NaN, NaN])).toEqual({
      x: 2,
      mean: NaN,
      low: NaN,
      high: NaN,
      counted: 0,
      runs: 2,
    });
  });
});

describe('sweepCsv', () => {
  it('writes one line per point with its band, run counts and marks', () => {
    const figure = sweepFigure(
      [run('p1', 0.1, 'none', 0.9), run('p2', 0.5, 'none', 0.1, 'stalled')],
      SPEC,
      true,
    );
    expect(sweepCsv(figure, 'learning rate', 'final test accuracy')).toBe(
      'line,learning rate,final test accuracy (mean),low,high,runs with a value,runs,marked\n' +
        'plain,0.1,0.9,0.9,0.9,1,1,\n' +
        'plain,0.5,0.1,0.1,0.1,1,1,stalled\n',
    );
  });
});
