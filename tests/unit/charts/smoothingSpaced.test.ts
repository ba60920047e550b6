import { describe, expect, it } from 'vitest';
import { emaSmooth, emaSmoothSpaced } from '../../../src/page/charts/smoothing';

describe('emaSmoothSpaced', () => {
  it('is emaSmooth on points one step apart', () => {
    const values = [2, 4, 8, 3, -1, 7];
    const xs = values.map((_, i) => i + 1);
    for (const weight of [0.3, 0.6, 0.95]) {
      const spaced = emaSmoothSpaced(xs, values, values.length, weight);
      const plain = emaSmooth(values, weight);
      spaced.forEach((v, i) => expect(v).toBeCloseTo(plain[i] as number, 12));
    }
  });

  it('decays by weight^gap across a gap of several steps', () => {
    // Second point 3 steps on: s = w^3 * (1-w) * 2 + (1 - w^3) * 8, over 1 - w^4.
    const w = 0.5;
    const out = emaSmoothSpaced([1, 4], [2, 8], 2, w);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo((w ** 3 * (1 - w) * 2 + (1 - w ** 3) * 8) / (1 - w ** 4), 12);
  });

  it('returns the values at weight 0, keeps constants, passes non-finite values through', () => {
    expect(Array.from(emaSmoothSpaced([1, 3, 5], [1, 2, 3], 3, 0))).toEqual([1, 2, 3]);
    for (const v of emaSmoothSpaced([1, 3, 9], [5, 5, 5], 3, 0.9)) expect(v).toBeCloseTo(5, 12);
    const out = emaSmoothSpaced([1, 2, 3], [1, NaN, 1], 3, 0.5);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(1, 12);
  });
});
