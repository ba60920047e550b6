/**
 * An append-only metric series. Appending returns a new Series object (so selectors see the change)
 * that shares the grown typed arrays with the old one; an old object stays valid because it only
 * reads its own `length` first entries, which appends never touch.
 */
import type { SeriesChunk } from '../../shared/runStatus';
import type { SizedSeries } from '../../shared/seriesPoints';

/** Capacity of a series' first allocation, points. */
const INITIAL_CAPACITY = 256;

/** A run's series in the store, grown in place: points in use up to `length`, capacity after. */
export type Series = SizedSeries;

export const EMPTY_SERIES: Series = {
  steps: new Int32Array(0),
  times: new Float32Array(0),
  values: new Float32Array(0),
  length: 0,
};

function grow<T extends Int32Array | Float32Array>(
  array: T,
  capacity: number,
  make: (n: number) => T,
): T {
  const next = make(capacity);
  next.set(array);
  return next;
}

/** `series` followed by the chunk's points. */
export function appendChunk(
  series: Series,
  chunk: Pick<SeriesChunk, 'steps' | 'times' | 'values'>,
): Series {
  const length = series.length + chunk.steps.length;
  let { steps, times, values } = series;
  if (length > steps.length) {
    const capacity = Math.max(INITIAL_CAPACITY, 2 ** Math.ceil(Math.log2(length)));
    steps = grow(steps.subarray(0, series.length), capacity, (n) => new Int32Array(n));
    times = grow(times.subarray(0, series.length), capacity, (n) => new Float32Array(n));
    values = grow(values.subarray(0, series.length), capacity, (n) => new Float32Array(n));
  }
  steps.set(chunk.steps, series.length);
  times.set(chunk.times, series.length);
  values.set(chunk.values, series.length);
  return { steps, times, values, length };
}

/** The last value of a series, or undefined when empty. */
export function lastValue(series: Series | undefined): number | undefined {
  return series && series.length > 0 ? series.values[series.length - 1] : undefined;
}

/**
 * The series up to and including `step` (steps ascend), in new arrays: points after it will be
 * written again, and caches keyed by the old arrays must not mistake them for the old ones.
 */
export function truncateSeries(series: Series, step: number): Series {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((series.steps[mid] ?? 0) <= step) low = mid + 1;
    else high = mid;
  }
  if (low === series.length) return series;
  return appendChunk(EMPTY_SERIES, {
    steps: series.steps.subarray(0, low),
    times: series.times.subarray(0, low),
    values: series.values.subarray(0, low),
  });
}
