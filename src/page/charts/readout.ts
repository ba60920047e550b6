/**
 * The hover readout's numbers: every line's value at the nearest x that line recorded, looked up
 * by binary search in its full (not downsampled) xs. O(lines × log points) per lookup.
 */
import { lowerBound, nearestIndex, upperBound } from './search';
import type { ChartLine } from './types';

/** One line's entry in the readout. */
export interface ReadoutRow {
  id: string;
  label: string;
  color: string;
  /** The line's value at its recorded x nearest the cursor; NaN when it has none. */
  value: number;
  /** That recorded x; undefined for a line without points. */
  x: number | undefined;
}

/** The recorded x, over all lines, nearest `x`, or undefined when no line has points. */
export function snapX(lines: readonly ChartLine[], x: number): number | undefined {
  let best: number | undefined;
  for (const line of lines) {
    const i = nearestIndex(line.xs, line.length, x);
    if (i < 0) continue;
    const candidate = line.xs[i] as number;
    if (best === undefined || Math.abs(candidate - x) < Math.abs(best - x)) best = candidate;
  }
  return best;
}

/**
 * The recorded x one keyboard move from `from`: the nearest one at least `gap` away in `direction`
 * (+1 right, -1 left; gap > 0), or the farthest one that way when every other is closer than `gap`.
 * `from` itself when no line has an x beyond it.
 */
export function stepX(
  lines: readonly ChartLine[],
  from: number,
  direction: 1 | -1,
  gap: number,
): number {
  let best: number | undefined;
  const better = (x: number) =>
    best === undefined || (direction > 0 ? x < best : x > best) ? x : best;
  for (const line of lines) {
    const { xs, length } = line;
    if (length <= 0) continue;
    if (direction > 0) {
      const i = lowerBound(xs, length, from + gap);
      const last = xs[length - 1] as number;
      if (i < length) best = better(xs[i] as number);
      else if (last > from) best = better(last);
    } else {
      const i = upperBound(xs, length, from - gap) - 1;
      const first = xs[0] as number;
      if (i >= 0) best = better(xs[i] as number);
      else if (first < from) best = better(first);
    }
  }
  return best ?? from;
}

/** The first (direction -1) or last (+1) recorded x of all lines, or undefined with no points. */
export function endX(lines: readonly ChartLine[], direction: 1 | -1): number | undefined {
  let best: number | undefined;
  for (const { xs, length } of lines) {
    if (length <= 0) continue;
    const x = (direction > 0 ? xs[length - 1] : xs[0]) as number;
    if (best === undefined || (direction > 0 ? x > best : x < best)) best = x;
  }
  return best;
}

/** Every line's value at the recorded x nearest `x`, largest first (lines without a value last). */
export function readoutAt(lines: readonly ChartLine[], x: number): ReadoutRow[] {
  const rows = lines.map((line): ReadoutRow => {
    const i = nearestIndex(line.xs, line.length, x);
    return {
      id: line.id,
      label: line.label,
      color: line.color,
      value: i < 0 ? NaN : (line.ys[i] as number),
      x: i < 0 ? undefined : (line.xs[i] as number),
    };
  });
  // NaN (no value) sorts last; ties keep the lines' order.
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  return rows.sort((a, b) => {
    if (Number.isNaN(a.value) !== Number.isNaN(b.value)) return Number.isNaN(a.value) ? 1 : -1;
    return key(b.value) - key(a.value) || 0;
  });
}
