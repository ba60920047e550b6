import { describe, expect, it } from 'vitest';
import {
  lastX,
  linearAxis,
  linearTicksWithin,
  logAxis,
  logTicksWithin,
  prepareBand,
  prepareLine,
} from '../../../src/page/charts/prepare';
import type { ChartBand, ChartLine } from '../../../src/page/charts/types';

const line = (xs: number[], ys: number[], length = xs.length): ChartLine => ({
  id: 'a',
  label: 'a',
  color: 'red',
  xs,
  ys,
  length,
});

describe('prepareLine', () => {
  it('caches per y array while length, width and scale stay the same', () => {
    const ys = [3, -1, 0, 2, 5];
    const a = line([0, 1, 2, 3, 4], ys);
    const first = prepareLine(a, 100, false);
    expect(prepareLine({ ...a }, 100, false)).toBe(first);
    expect(prepareLine(a, 200, false)).not.toBe(first);
    expect(prepareLine({ ...a, length: 4 }, 200, false).points).toHaveLength(4);
    expect(first).toMatchObject({ hidden: 0, yMin: -1, yMax: 5 });
  });

  it('on a log axis draws only y > 0 and counts the finite rest as hidden', () => {
    const prepared = prepareLine(line([0, 1, 2, 3, 4], [3, -1, 0, NaN, 5]), 100, true);
    expect(prepared.points).toEqual([
      { x: 0, y: 3 },
      { x: 4, y: 5 },
    ]);
    expect(prepared).toMatchObject({ hidden: 2, yMin: 3, yMax: 5 });
  });
});

describe('prepareBand', () => {
  it('counts points with an edge <= 0 as hidden on a log axis', () => {
    const band: ChartBand = {
      id: 'b',
      color: 'red',
      xs: [0, 1, 2],
      lows: [-1, 0.5, 1],
      highs: [1, 2, 4],
      length: 3,
    };
    expect(prepareBand(band, 100, false)).toMatchObject({ hidden: 0, yMin: -1, yMax: 4 });
    const log = prepareBand(band, 100, true);
    expect(log).toMatchObject({ hidden: 1, yMin: 0.5, yMax: 4 });
    expect(log.points).toHaveLength(2);
  });
});

describe('axes', () => {
  it('fits a log axis to whole decades with power-of-ten ticks', () => {
    expect(logAxis(0.03, 7)).toEqual({ domain: [0.01, 10], ticks: [0.01, 0.1, 1, 10] });
    expect(logAxis(2, 8)).toEqual({ domain: [1, 10], ticks: [1, 10] });
    expect(logAxis(1, 1)).toEqual({ domain: [1, 10], ticks: [1, 10] });
    expect(logAxis(Infinity, -Infinity)).toEqual({ domain: [1, 10], ticks: [1, 10] });
    // 12 decades: every 2nd labelled.
    expect(logAxis(1e-6, 1e6).ticks).toEqual([1e-6, 1e-4, 0.01, 1, 100, 1e4, 1e6]);
    expect(logTicksWithin([0.5, 200])).toEqual([1, 10, 100]);
    expect(logTicksWithin([2, 9])).toBeUndefined();
  });

  it('finds the largest last x of lines and bands', () => {
    expect(lastX([line([0, 5, 9], [1, 1, 1]), line([0, 7, 99], [1, 1, 1], 2)])).toBe(9);
    expect(lastX([line([], [])])).toBe(0);
  });

  it('fits a linear axis to round multiples of a 1-2-5 step with a tick at each', () => {
    // Range 2.3: a fifth is 0.46, the step 0.5.
    expect(linearAxis(0.0123, 2.31)).toEqual({
      domain: [0, 2.5],
      ticks: [0, 0.5, 1, 1.5, 2, 2.5],
    });
    // Range 0.43: a fifth is 0.086, the step 0.1; no 0.30000000000000004.
    expect(linearAxis(0.5, 0.93)).toEqual({
      domain: [0.5, 1],
      ticks: [0.5, 0.6, 0.7, 0.8, 0.9, 1],
    });
    expect(linearAxis(-3.2, 41).domain).toEqual([-10, 50]);
    // Flat: widened by 0.5 each way, step 0.2.
    expect(linearAxis(1, 1)).toEqual({
      domain: [0.4, 1.6],
      ticks: [0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6],
    });
    expect(linearAxis(Infinity, -Infinity).domain).toEqual([0, 1]);
  });

  it('takes a larger round step when a short chart has room for fewer ticks', () => {
    // Room for 4: 0.5 would give 6 ticks, 1 gives 4.
    expect(linearAxis(0.0123, 2.31, 4)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
    // Never fewer than three, even across zero (the loop ends).
    expect(linearAxis(-1, 1, 1).ticks).toHaveLength(3);
    expect(linearAxis(-3.2, 41, 5).ticks).toEqual([-20, 0, 20, 40, 60]);
  });

  it('ends on ranges that float rounding makes awkward (these froze the page once)', () => {
    // A smoothed 100% accuracy: 1 beside 0.9999999999999999 (1 ulp apart) is drawn as flat.
    expect(linearAxis(0.9999999999999999, 1, 5)).toEqual(
      linearAxis(0.9999999999999999, 0.9999999999999999, 5),
    );
    expect(linearAxis(1e6, 1e6 + 1e-7, 5).ticks).toHaveLength(linearAxis(1e6, 1e6, 5).ticks.length);
    // Denormal ranges, and a tick count that is not a number.
    expect(linearAxis(0, 5e-324, 5).ticks.length).toBeGreaterThan(0);
    expect(linearAxis(0, 1.5e-323, 5).ticks.length).toBeGreaterThan(0);
    expect(linearAxis(0, 1, Number.NaN).ticks).toEqual([0, 0.5, 1]);
    // A tiny range far from zero keeps a round step and finite, increasing ticks.
    const { ticks } = linearAxis(1e-9, 1e-9 + 1e-20, 5);
    expect(ticks.every((t, i) => Number.isFinite(t) && (i === 0 || t > (ticks[i - 1] ?? 0)))).toBe(
      true,
    );
  });

  it('puts evenly spaced round ticks inside a fixed range (no 0, 1, 2, 4)', () => {
    // A probability axis: quarters, not 0, 25, 50, 100 %.
    expect(linearTicksWithin([0, 1], 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linearTicksWithin([0, 1], 3)).toEqual([0, 0.5, 1]);
    expect(linearTicksWithin([0, 1], 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // A shared loss range with loose ends: ticks inside it, one apart.
    expect(linearTicksWithin([0, 4.3], 5)).toEqual([0, 1, 2, 3, 4]);
    expect(linearTicksWithin([0.13, 0.97], 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    // Every gap the same.
    const ticks = linearTicksWithin([-2.7, 13.1], 6);
    const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] as number));
    expect(new Set(gaps.map((g) => g.toFixed(9))).size).toBe(1);
    expect(ticks.length).toBeLessThanOrEqual(6);
    // Nothing to divide: no ticks; no room for two: the ends.
    expect(linearTicksWithin([1, 1], 5)).toEqual([]);
    expect(linearTicksWithin([0, Number.NaN], 5)).toEqual([]);
  });
});
