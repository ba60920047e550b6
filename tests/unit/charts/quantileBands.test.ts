import { describe, expect, it } from 'vitest';
import {
  alignQuantiles,
  INNER_BAND_OPACITY,
  OUTER_BAND_OPACITY,
  quantileBands,
  type QuantileSeries,
} from '../../../src/page/charts/quantileBands';

const series = (xs: number[], ys: number[]) => ({ xs, ys, length: xs.length });

/** Five quantiles of a distribution at steps 0, 25, 50: q_p(step) = p / 100 + step. */
function quantilesAt(steps: number[]): QuantileSeries {
  const of = (p: number) =>
    series(
      steps,
      steps.map((s) => p / 100 + s),
    );
  return { q05: of(5), q25: of(25), q50: of(50), q75: of(75), q95: of(95) };
}

describe('quantileBands', () => {
  it('makes a light 5-95 band, a darker 25-75 band and the median line', () => {
    const { bands, median } = quantileBands(quantilesAt([0, 25, 50]), {
      id: 'layer1',
      label: 'layer 1 median',
      color: '#a0a',
    });
    const [outer, inner] = bands;
    expect(outer).toMatchObject({ id: 'layer1:5-95', color: '#a0a', length: 3 });
    expect(inner).toMatchObject({ id: 'layer1:25-75', color: '#a0a', length: 3 });
    expect(outer.opacity).toBe(OUTER_BAND_OPACITY);
    expect(inner.opacity).toBe(INNER_BAND_OPACITY);
    expect(INNER_BAND_OPACITY).toBeGreaterThan(OUTER_BAND_OPACITY);
    expect(Array.from(outer.xs)).toEqual([0, 25, 50]);
    expect(Array.from(outer.lows)).toEqual([0.05, 25.05, 50.05]);
    expect(Array.from(outer.highs)).toEqual([0.95, 25.95, 50.95]);
    expect(Array.from(inner.lows)).toEqual([0.25, 25.25, 50.25]);
    expect(Array.from(inner.highs)).toEqual([0.75, 25.75, 50.75]);
    expect(median).toMatchObject({ id: 'layer1', label: 'layer 1 median', color: '#a0a' });
    expect(Array.from(median.ys)).toEqual([0.5, 25.5, 50.5]);
    expect(median.xs).toBe(outer.xs);
  });

  it('keeps only the steps every quantile has, reading each up to its length', () => {
    const q = quantilesAt([0, 25, 50, 75]);
    q.q95 = { ...q.q95, length: 3 }; // mid-append: step 75 not in yet
    q.q25 = series([0, 10, 25, 50, 75], [0.25, 99, 25.25, 50.25, 75.25]); // an extra step 10
    q.q05 = series([25, 50, 75], [25.05, 50.05, 75.05]); // no step 0
    const aligned = alignQuantiles(q);
    expect(aligned.length).toBe(2);
    expect(Array.from(aligned.xs)).toEqual([25, 50]);
    expect(Array.from(aligned.values.q05)).toEqual([25.05, 50.05]);
    expect(Array.from(aligned.values.q25)).toEqual([25.25, 50.25]);
    expect(Array.from(aligned.values.q95)).toEqual([25.95, 50.95]);
  });

  it('gives empty bands when a quantile has no points yet', () => {
    const q = quantilesAt([0, 25]);
    q.q50 = series([], []);
    const { bands, median } = quantileBands(q, { id: 'l', label: 'l', color: 'red' });
    expect(bands[0].length).toBe(0);
    expect(median.length).toBe(0);
  });
});
