import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../src/page/charts/smoothing';

describe('emaSmooth', () => {
  it('returns the values unchanged at weight 0', () => {
    const values = [3, -1, 0.5, 100];
    expect(Array.from(emaSmooth(values, 0))).toEqual(values);
    expect(Array.from(emaSmooth(Float32Array.from([0.25, 0.75]), 0))).toEqual([0.25, 0.75]);
  });

  it('debiases the first points (hand-computed, weight 0.5)', () => {
    // s1 = 0.5*2 = 1, /(1-0.5) = 2; s2 = 0.5*1 + 0.5*4 = 2.5, /(1-0.25) = 10/3;
    // s3 = 0.5*2.5 + 0.5*8 = 5.25, /(1-0.125) = 6.
    const out = emaSmooth([2, 4, 8], 0.5);
    expect(out).toBeInstanceOf(Float64Array);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(10 / 3, 12);
    expect(out[2]).toBeCloseTo(6, 12);
  });

  it('keeps a constant series constant at any weight below 1', () => {
    for (const weight of [0.3, 0.9, 0.99]) {
      for (const v of emaSmooth([5, 5, 5, 5, 5], weight)) expect(v).toBeCloseTo(5, 10);
    }
  });

  it('passes NaN and infinities through without polluting later values', () => {
    const out = emaSmooth([2, NaN, 4, Infinity, 8], 0.5);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeNaN();
    // The average skips the NaN: the same as smoothing [2, 4], second point 10/3.
    expect(out[2]).toBeCloseTo(10 / 3, 12);
    expect(out[3]).toBe(Infinity);
    // Third finite point: as [2, 4, 8] -> 6.
    expect(out[4]).toBeCloseTo(6, 12);
  });

  it('returns an empty array for empty input, and a leading NaN leaves the rest debiased', () => {
    expect(emaSmooth([], 0.6)).toHaveLength(0);
    const out = emaSmooth([NaN, 3], 0.6);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeCloseTo(3, 12);
  });
});
