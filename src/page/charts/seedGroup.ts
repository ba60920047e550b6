/**
 * Statistics of one configuration run with several seeds, aligned by x: what a seed-group chart
 * draws as a mean line inside a min-max (or ±sd) band. Pure; no React.
 */
import type { ChartBand, ChartLine, XYSeries } from './types';

/** Per-x statistics over the members of a seed group; arrays hold exactly `length` entries. */
export interface GroupStats {
  /** Every x (step) present in at least one member, ascending. */
  xs: Float64Array;
  /** Mean of the members' finite values at that x; NaN where none. */
  mean: Float64Array;
  /** Smallest finite value at that x; NaN where none. */
  min: Float64Array;
  /** Largest finite value at that x; NaN where none. */
  max: Float64Array;
  /** Population standard deviation (over n, not n - 1) at that x; 0 for one value, NaN for none. */
  sd: Float64Array;
  /** How many finite values entered the statistics at that x (members that recorded it). */
  count: Int32Array;
  length: number;
}

/**
 * Aligns the members by x and summarizes them at each x recorded by at least one member. Members
 * may have different lengths and cadences; each member's xs must be ascending. A member that
 * records the same x twice contributes both values. Non-finite values are skipped. Runs in
 * O(points × members): one merge pass with a cursor per member.
 */
export function groupStats(members: readonly XYSeries[]): GroupStats {
  const total = distinctXs(members);
  const xs = new Float64Array(total);
  const mean = new Float64Array(total);
  const min = new Float64Array(total);
  const max = new Float64Array(total);
  const sd = new Float64Array(total);
  const count = new Int32Array(total);
  const cursors = members.map(() => 0);
  /** Values at the current x, reused across xs. */
  const values: number[] = [];
  for (let n = 0; n < total; n++) {
    const x = nextX(members, cursors);
    values.length = 0;
    for (let m = 0; m < members.length; m++) {
      const member = members[m] as XYSeries;
      let c = cursors[m] as number;
      while (c < member.length && member.xs[c] === x) {
        const v = member.ys[c] as number;
        if (Number.isFinite(v)) values.push(v);
        c++;
      }
      cursors[m] = c;
    }
    xs[n] = x;
    summarize(values, n, mean, min, max, sd);
    count[n] = values.length;
  }
  return { xs, mean, min, max, sd, count, length: total };
}

/** The smallest x that some member has not consumed yet (Infinity when all are consumed). */
function nextX(members: readonly XYSeries[], cursors: readonly number[]): number {
  let x = Infinity;
  for (let m = 0; m < members.length; m++) {
    const member = members[m] as XYSeries;
    const c = cursors[m] as number;
    if (c < member.length) x = Math.min(x, member.xs[c] as number);
  }
  return x;
}

/**
 * How many distinct xs the members record together: a merge pass over the xs alone, so the
 * statistics are allocated at their size once (members of one group mostly share their steps,
 * and a sum of lengths would allocate a multiple of what is used).
 */
function distinctXs(members: readonly XYSeries[]): number {
  const cursors = members.map(() => 0);
  let n = 0;
  for (;;) {
    const x = nextX(members, cursors);
    if (x === Infinity) return n;
    for (let m = 0; m < members.length; m++) {
      const member = members[m] as XYSeries;
      let c = cursors[m] as number;
      while (c < member.length && member.xs[c] === x) c++;
      cursors[m] = c;
    }
    n++;
  }
}

/** Writes mean, min, max and population sd of `values` at index i (NaN for no values). */
function summarize(
  values: readonly number[],
  i: number,
  mean: Float64Array,
  min: Float64Array,
  max: Float64Array,
  sd: Float64Array,
): void {
  if (values.length === 0) {
    mean[i] = min[i] = max[i] = sd[i] = NaN;
    return;
  }
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    sum += v;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const m = sum / values.length;
  // Two passes: the squared deviations from the mean, not E[x²] - m², which cancels badly.
  let squares = 0;
  for (const v of values) squares += (v - m) * (v - m);
  mean[i] = m;
  min[i] = lo;
  max[i] = hi;
  sd[i] = Math.sqrt(squares / values.length);
}

/** What a seed group's band spans: the members' min to max, or mean ± one population sd. */
export type GroupSpread = 'range' | 'sd';

/** Look of one group on a chart. */
export interface GroupStyle {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
}

/**
 * The group's mean as a line and its spread as a band of the same colour (band id `${id}:spread`).
 * 'range' shares the stats' arrays; 'sd' builds mean ± sd, O(length): memoize per stats object.
 */
export function groupChart(
  stats: GroupStats,
  style: GroupStyle,
  spread: GroupSpread = 'range',
): { line: ChartLine; band: ChartBand } {
  const { xs, mean, length } = stats;
  let lows: Float64Array = stats.min;
  let highs: Float64Array = stats.max;
  if (spread === 'sd') {
    lows = new Float64Array(length);
    highs = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      lows[i] = (mean[i] as number) - (stats.sd[i] as number);
      highs[i] = (mean[i] as number) + (stats.sd[i] as number);
    }
  }
  return {
    line: { ...style, xs, ys: mean, length },
    band: { id: `${style.id}:spread`, color: style.color, xs, lows, highs, length },
  };
}
