import { describe, expect, it } from 'vitest';
import { groupChart, groupStats } from '../../../src/page/charts/seedGroup';

const series = (xs: number[], ys: number[]) => ({ xs, ys, length: xs.length });

describe('groupStats', () => {
  it('averages two members of the same cadence, population sd', () => {
    const stats = groupStats([series([0, 1, 2], [1, 2, 3]), series([0, 1, 2], [3, 2, 7])]);
    expect(stats.length).toBe(3);
    expect(Array.from(stats.xs)).toEqual([0, 1, 2]);
    expect(Array.from(stats.mean)).toEqual([2, 2, 5]);
    expect(Array.from(stats.min)).toEqual([1, 2, 3]);
    expect(Array.from(stats.max)).toEqual([3, 2, 7]);
    // Deviations ±1 -> sd 1; equal values -> 0; ±2 -> sd 2 (population sd: over n, not n - 1).
    expect(Array.from(stats.sd)).toEqual([1, 0, 2]);
    expect(Array.from(stats.count)).toEqual([2, 2, 2]);
  });

  it('aligns three members of different lengths and cadences by x, skipping NaN', () => {
    const stats = groupStats([
      series([0, 10, 20, 30], [1, 2, 3, 4]),
      series([0, 10, 20], [3, NaN, 5]),
      series([0, 5, 10], [5, 7, 8]),
    ]);
    expect(stats.length).toBe(5);
    expect(Array.from(stats.xs)).toEqual([0, 5, 10, 20, 30]);
    expect(Array.from(stats.count)).toEqual([3, 1, 2, 2, 1]);
    // x=0: {1, 3, 5}; x=5: {7}; x=10: {2, 8} (NaN skipped); x=20: {3, 5}; x=30: {4}.
    expect(Array.from(stats.mean)).toEqual([3, 7, 5, 4, 4]);
    expect(Array.from(stats.min)).toEqual([1, 7, 2, 3, 4]);
    expect(Array.from(stats.max)).toEqual([5, 7, 8, 5, 4]);
    // x=0: deviations -2, 0, 2 -> sqrt(8/3); x=10: -3, 3 -> 3; x=20: -1, 1 -> 1.
    expect(stats.sd[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(Array.from(stats.sd.subarray(1))).toEqual([0, 3, 1, 0]);
    for (const a of [stats.xs, stats.mean, stats.min, stats.max, stats.sd, stats.count]) {
      expect(a).toHaveLength(5);
    }
  });

  it('reads only `length` entries and keeps an x where every value is non-finite, as NaN', () => {
    const stats = groupStats([
      { xs: Int32Array.from([0, 1, 99]), ys: Float32Array.from([2, NaN, 9]), length: 2 },
      series([1], [Infinity]),
    ]);
    expect(Array.from(stats.xs)).toEqual([0, 1]);
    expect(Array.from(stats.count)).toEqual([1, 0]);
    expect(stats.mean[0]).toBe(2);
    expect(stats.sd[0]).toBe(0);
    for (const a of [stats.mean, stats.min, stats.max, stats.sd]) expect(a[1]).toBeNaN();
  });

  it('returns empty arrays for no members or empty members', () => {
    expect(groupStats([]).length).toBe(0);
    const stats = groupStats([series([], []), series([], [])]);
    expect(stats.length).toBe(0);
    expect(stats.xs).toHaveLength(0);
  });

  it('merges long members in passes over each point (linear, not quadratic): reads counted', () => {
    const n = 20_000;
    let reads = 0;
    /** An array whose element reads are counted. */
    const counted = (values: Float64Array): ArrayLike<number> =>
      new Proxy(values, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const even = Float64Array.from({ length: n }, (_, i) => 2 * i);
    const odd = Float64Array.from({ length: n }, (_, i) => 2 * i + 1);
    const stats = groupStats([
      { xs: counted(even), ys: even, length: n },
      { xs: counted(odd), ys: odd, length: n },
      { xs: counted(even), ys: even, length: n },
    ]);
    expect(stats.length).toBe(2 * n);
    expect(stats.xs[2 * n - 1]).toBe(2 * n - 1);
    expect(Array.from(stats.count.subarray(0, 4))).toEqual([2, 1, 2, 1]);
    // A few reads of each of the 3n xs per pass; a quadratic merge would read about n² = 4e8.
    expect(reads).toBeLessThan(3 * n * 12);
  });
});

describe('groupChart', () => {
  const stats = groupStats([series([0, 1], [1, 4]), series([0, 1], [3, 8])]);
  const style = { id: 'bn', label: 'BN (2 seeds)', color: '#07c' };

  it('draws the mean as a line and min-max as a band sharing the stats arrays', () => {
    const { line, band } = groupChart(stats, style);
    expect(line).toMatchObject({ ...style, length: 2 });
    expect(Array.from(line.ys)).toEqual([2, 6]);
    expect(band).toMatchObject({ id: 'bn:spread', color: '#07c', length: 2 });
    expect(band.lows).toBe(stats.min);
    expect(band.highs).toBe(stats.max);
  });

  it('spans mean ± sd when asked', () => {
    const { band } = groupChart(stats, style, 'sd');
    // sd: 1 at x=0, 2 at x=1.
    expect(Array.from(band.lows)).toEqual([1, 4]);
    expect(Array.from(band.highs)).toEqual([3, 8]);
  });
});
