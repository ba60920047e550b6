import { describe, expect, it } from 'vitest';
import { endX, readoutAt, snapX, stepX } from '../../../src/page/charts/readout';
import { lowerBound, nearestIndex, upperBound } from '../../../src/page/charts/search';
import type { ChartLine } from '../../../src/page/charts/types';

const line = (id: string, xs: number[], ys: number[]): ChartLine => ({
  id,
  label: id,
  color: 'red',
  xs,
  ys,
  length: xs.length,
});

describe('binary searches', () => {
  const xs = Int32Array.from([0, 10, 20, 30, 999]);
  it('finds bounds and the nearest index within `length`', () => {
    expect(lowerBound(xs, 4, 10)).toBe(1);
    expect(upperBound(xs, 4, 10)).toBe(2);
    expect(lowerBound(xs, 4, 31)).toBe(4);
    expect(nearestIndex(xs, 4, 14)).toBe(1);
    expect(nearestIndex(xs, 4, 15)).toBe(1); // tie: the lower
    expect(nearestIndex(xs, 4, 16)).toBe(2);
    expect(nearestIndex(xs, 4, -5)).toBe(0);
    expect(nearestIndex(xs, 4, 500)).toBe(3); // 999 is past `length`
    expect(nearestIndex(xs, 0, 5)).toBe(-1);
  });
});

describe('readout', () => {
  const lines = [
    line('a', [0, 10, 20], [1, 5, 3]),
    line('b', [0, 4, 8, 12], [2, 0, NaN, 9]),
    line('empty', [], []),
  ];

  it('snaps to the nearest x that some line recorded', () => {
    expect(snapX(lines, 8.9)).toBe(8);
    expect(snapX(lines, 9)).toBe(10); // a tie: the first line's x
    expect(snapX(lines, 9.6)).toBe(10);
    expect(snapX(lines, 100)).toBe(20);
    expect(snapX([line('e', [], [])], 3)).toBeUndefined();
  });

  it('lists every line at its own nearest x, largest value first, no value last', () => {
    expect(readoutAt(lines, 10)).toEqual([
      { id: 'a', label: 'a', color: 'red', value: 5, x: 10 },
      { id: 'b', label: 'b', color: 'red', value: NaN, x: 8 },
      { id: 'empty', label: 'empty', color: 'red', value: NaN, x: undefined },
    ]);
    expect(readoutAt(lines, 12).map((r) => [r.id, r.value])).toEqual([
      ['b', 9],
      ['a', 5],
      ['empty', NaN],
    ]);
  });

  it('steps to the next recorded x at least `gap` away, or to the end', () => {
    expect(stepX(lines, 0, 1, 1)).toBe(4);
    expect(stepX(lines, 4, 1, 5)).toBe(10);
    expect(stepX(lines, 12, 1, 100)).toBe(20);
    expect(stepX(lines, 20, 1, 1)).toBe(20);
    expect(stepX(lines, 10, -1, 1)).toBe(8);
    expect(stepX(lines, 10, -1, 3)).toBe(4);
    expect(stepX(lines, 4, -1, 100)).toBe(0);
    expect(stepX(lines, 0, -1, 1)).toBe(0);
    expect(endX(lines, -1)).toBe(0);
    expect(endX(lines, 1)).toBe(20);
    expect(endX([], 1)).toBeUndefined();
  });
});
