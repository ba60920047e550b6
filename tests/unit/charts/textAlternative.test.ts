import { describe, expect, it } from 'vitest';
import { describeLines, summarizeLine, tableRows } from '../../../src/page/charts/textAlternative';
import type { ChartLine } from '../../../src/page/charts/types';

const line = (id: string, xs: number[], ys: number[]): ChartLine => ({
  id,
  label: id,
  color: '#000000',
  xs,
  ys,
  length: xs.length,
});

describe('chart text alternatives', () => {
  it('summarizes the finite points of a line', () => {
    const s = summarizeLine(line('BN', [1, 2, 3, 4], [2.3, NaN, 0.4, 0.5]));
    expect(s).toEqual({
      label: 'BN',
      points: 3,
      firstX: 1,
      lastX: 4,
      first: 2.3,
      last: 0.5,
      min: 0.4,
      max: 2.3,
    });
    expect(summarizeLine(line('empty', [1], [NaN]))).toBeNull();
  });

  it('says each line in one sentence', () => {
    const text = describeLines(
      [line('plain', [1, 2], [2.3, 1.1]), line('waiting', [], [])],
      'step',
      String,
      (v) => v.toFixed(1),
    );
    expect(text).toBe(
      'plain: 2 points, step 1 to 2, from 2.3 to 1.1 (lowest 1.1, highest 2.3). waiting: no points yet.',
    );
    expect(describeLines([], 'step', String, String)).toBe('No lines.');
  });

  it('tabulates every line at evenly spaced x, nearest point each', () => {
    const a = line('a', [0, 10, 20, 30, 40], [0, 1, 2, 3, 4]);
    const b = line('b', [0, 20, 40], [5, 6, 7]);
    expect(tableRows([a, b], 3)).toEqual([
      { x: 0, values: [0, 5] },
      { x: 20, values: [2, 6] },
      { x: 40, values: [4, 7] },
    ]);
    // One point in all: one row.
    expect(tableRows([line('one', [5], [1])])).toEqual([{ x: 5, values: [1] }]);
    expect(tableRows([line('none', [], [])])).toEqual([]);
  });
});
