import { describe, expect, it } from 'vitest';
import { LTTB } from 'downsample/methods/LTTB';
import {
  downsampleBand,
  downsampleLine,
  isDrawableOnLog,
  lttbIndices,
  type Point,
} from '../../../src/page/charts/downsample';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('downsampleLine', () => {
  it('returns every point as {x, y} when there are no more than the threshold', () => {
    expect(downsampleLine([0, 1, 2], [5, 6, 7], 3, 10)).toEqual([
      { x: 0, y: 5 },
      { x: 1, y: 6 },
      { x: 2, y: 7 },
    ]);
    expect(downsampleLine([0, 1, 2], [5, 6, 7], 3, 3)).toHaveLength(3);
  });

  it('reads only the first `length` entries (the rest is free series capacity)', () => {
    const xs = Int32Array.from([10, 20, 30, 0, 0]);
    const ys = Float32Array.from([0.5, 0.25, 0.75, 9, 9]);
    expect(downsampleLine(xs, ys, 3, 100)).toEqual([
      { x: 10, y: 0.5 },
      { x: 20, y: 0.25 },
      { x: 30, y: 0.75 },
    ]);
  });

  it('drops non-finite y values', () => {
    const out = downsampleLine([0, 1, 2, 3, 4], [1, NaN, 3, Infinity, -Infinity], 5, 10);
    expect(out).toEqual([
      { x: 0, y: 1 },
      { x: 2, y: 3 },
    ]);
  });

  it('returns exactly `threshold` input points, in order, with the first and last kept', () => {
    const xs = range(100);
    const ys = xs.map((x) => Math.sin(x / 7));
    const out = downsampleLine(xs, ys, 100, 10);
    expect(out).toHaveLength(10);
    expect(out[0]).toEqual({ x: 0, y: ys[0] });
    expect(out[9]).toEqual({ x: 99, y: ys[99] });
    for (let i = 1; i < out.length; i++) {
      expect(out[i]?.x).toBeGreaterThan(out[i - 1]?.x ?? Infinity);
    }
    for (const p of out) expect(p.y).toBe(ys[p.x]);
  });

  it('keeps a single spike (largest triangle in its bucket)', () => {
    const xs = range(100);
    const ys = xs.map((x) => (x === 50 ? 10 : 0));
    const out = downsampleLine(xs, ys, 100, 10);
    expect(out).toHaveLength(10);
    expect(out).toContainEqual({ x: 50, y: 10 });
  });

  it('counts the threshold after dropping non-finite values', () => {
    const xs = range(20);
    const ys = xs.map((x) => (x % 2 === 0 ? x : NaN)); // 10 finite points
    const out = downsampleLine(xs, ys, 20, 10);
    expect(out.map((p) => p.x)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });
});

describe('lttbIndices', () => {
  const all = (n: number) => range(n);

  it('picks, in the one bucket between the ends, the point of the largest triangle (by hand)', () => {
    // Bucket {1, 2, 3} between (0, 0) and the last point (4, 0): areas 2|y| = 10, 2, 4.
    expect(lttbIndices([0, 1, 2, 3, 4], [0, 5, 1, -2, 0], all(5), 5, 3)).toEqual([0, 1, 4]);
  });

  it('takes the first of equal triangles (a flat line, a symmetric zigzag)', () => {
    expect(lttbIndices([0, 1, 2, 3, 4], [0, 2, -2, 2, 0], all(5), 5, 3)).toEqual([0, 1, 4]);
    expect(lttbIndices(range(10), new Array(10).fill(0), all(10), 10, 4)).toEqual([0, 1, 5, 9]);
  });

  it('reads only the points listed in `kept`', () => {
    // Index 2 (the spike) is not kept: the bucket {1, 3} picks 3, whose triangle is larger.
    expect(lttbIndices([0, 1, 2, 3, 4], [0, 1, 100, -3, 0], [0, 1, 3, 4], 4, 3)).toEqual([0, 3, 4]);
  });

  it('chooses what the downsample package chooses on ragged, flat and stepped lines, and ends on the last point', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const lines: [number[], number[]][] = [
      // noisy loss with uneven steps
      [
        range(997).map((i) => i * 3 + (i % 7)),
        range(997).map((i) => 2 / (1 + i / 50) + 0.1 * random()),
      ],
      // long flat stretches (a stalled run) and zeros
      [range(500), range(500).map((i) => (i < 200 ? 0 : i < 300 ? 1 : 0))],
      // an accuracy that moves in steps of 1/100 (many ties)
      [
        range(1234),
        range(1234).map((i) => Math.round(50 + 40 * Math.tanh(i / 300) + 3 * random()) / 100),
      ],
    ];
    for (const [xs, ys] of lines) {
      for (const threshold of [3, 10, 157, 400]) {
        const points: Point[] = xs.map((x, i) => ({ x, y: ys[i] as number }));
        const expected = (LTTB(points, threshold) as Point[]).map((p) => p.x);
        const chosen = lttbIndices(xs, ys, all(xs.length), xs.length, threshold);
        // All but the last: where floating point shortened the package's last bucket by a point,
        // it returned that point as the line's end; the last point is the line's own last here.
        expect(chosen.slice(0, -1).map((i) => xs[i])).toEqual(expected.slice(0, -1));
        expect(chosen.at(-1)).toBe(xs.length - 1);
      }
    }
  });
});

describe('downsampleBand', () => {
  it('returns every kept point as {x, range} when few, dropping non-finite or unkept edges', () => {
    expect(downsampleBand([0, 1, 2, 3], [1, NaN, -1, 2], [3, 4, 5, Infinity], 4, 10)).toEqual([
      { x: 0, range: [1, 3] },
      { x: 2, range: [-1, 5] },
    ]);
    expect(downsampleBand([0, 1, 2], [1, -1, 2], [3, 4, 5], 3, 10, isDrawableOnLog)).toEqual([
      { x: 0, range: [1, 3] },
      { x: 2, range: [2, 5] },
    ]);
  });

  it('keeps each run envelope (lowest low, highest high) at the run start, plus the last x', () => {
    const xs = range(12);
    const lows = xs.map((x) => (x === 4 ? -10 : 0));
    const highs = xs.map((x) => (x === 7 ? 10 : 1));
    // 12 points into 4 runs of 3: [0..2] [3..5] [6..8] [9..11].
    expect(downsampleBand(xs, lows, highs, 12, 4)).toEqual([
      { x: 0, range: [0, 1] },
      { x: 3, range: [-10, 1] },
      { x: 6, range: [0, 10] },
      { x: 9, range: [0, 1] },
      { x: 11, range: [0, 1] },
    ]);
  });
});
