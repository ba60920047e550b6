/** A run's series as a chart draws it: EMA-smoothed values (cached per series object, a new object
 * per append) and the line they make. */
import { emaSmooth } from '../charts/smoothing';
import type { ChartLine } from '../charts/types';
import type { RunStyle } from '../../experiments/types';
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

/** How a series is drawn: along steps or wall time, smoothed (noisy metrics only) or raw. */
export interface LineOptions {
  x: 'step' | 'time';
  /** Whether the metric is noisy enough to smooth at all. */
  noisy: boolean;
  /** EMA weight, 0 (raw) to 0.99. */
  smoothing: number;
}

/** A run's series as a chart line: steps or wall-time ms against its (smoothed) values. */
export function seriesLine(
  id: string,
  label: string,
  style: Pick<RunStyle, 'color' | 'dashed'>,
  series: Series,
  o: LineOptions,
): ChartLine {
  return {
    id,
    label,
    color: style.color,
    dashed: style.dashed,
    xs: o.x === 'step' ? series.steps : series.times,
    ys: o.noisy ? smoothedValues(series, o.smoothing) : series.values,
    length: series.length,
  };
}
