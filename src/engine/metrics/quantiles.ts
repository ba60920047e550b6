/** Quantiles of activation values, for distributions over time drawn as bands. */

/** The quantile levels reported: 5, 25, 50, 75 and 95%. */
export const QUANTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** Values sorted are at most this many (a strided sample of larger arrays; bounds the cost). */
const MAX_SAMPLE = 20_000;

/**
 * Quantiles of `values` at `levels` by linear interpolation between order statistics (numpy's
 * default): q(p) = v[floor(h)] + (h - floor(h)) (v[floor(h)+1] - v[floor(h)]), h = p (n - 1).
 */
export function quantiles(values: ArrayLike<number>, levels: readonly number[]): number[] {
  const stride = Math.max(1, Math.ceil(values.length / MAX_SAMPLE));
  const sample = new Float64Array(Math.ceil(values.length / stride));
  for (let i = 0, j = 0; i < values.length; i += stride, j++) sample[j] = values[i] as number;
  sample.sort();
  if (sample.length === 0) return levels.map(() => NaN);
  return levels.map((p) => {
    const h = p * (sample.length - 1);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sample.length - 1);
    return (sample[lo] as number) + (h - lo) * ((sample[hi] as number) - (sample[lo] as number));
  });
}
