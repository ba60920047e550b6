/** EMA-smoothed values of a series, cached per series object (a new object per append). */
import { emaSmooth } from '../charts/smoothing';
import type { Series } from '../store/series';

const smoothCache = new WeakMap<Series, { weight: number; values: Float64Array }>();

/** The series' values smoothed with EMA weight `weight` (0 = raw, returned as they are). */
export function smoothedValues(series: Series, weight: number): ArrayLike<number> {
  if (weight <= 0) return series.values;
  const cached = smoothCache.get(series);
  if (cached && cached.weight === weight) return cached.values;
  const values = emaSmooth(series.values.subarray(0, series.length), weight);
  smoothCache.set(series, { weight, values });
  return values;
}
