/**
 * What a chart draws from its props: each line and band downsampled to about one point per pixel,
 * cached per data array so a re-render with unchanged data costs nothing, and the log axis' range.
 */
import {
  downsampleBand,
  downsampleLine,
  isDrawable,
  isDrawableOnLog,
  type BandPoint,
  type Point,
} from './downsample';
import type { ChartBand, ChartLine } from './types';

/** A line or band as drawn. */
export interface Prepared<P> {
  points: P[];
  /** Points left out because the log axis cannot show them (a finite value <= 0). */
  hidden: number;
  /** Smallest and largest drawn y (Infinity, -Infinity when nothing is drawn). */
  yMin: number;
  yMax: number;
}

interface CacheEntry<P> {
  xs: ArrayLike<number>;
  other: ArrayLike<number> | undefined;
  length: number;
  threshold: number;
  log: boolean;
  prepared: Prepared<P>;
}

/** Keyed by the y (or lows) array; valid while the other inputs are the same. */
const lineCache = new WeakMap<object, CacheEntry<Point>>();
const bandCache = new WeakMap<object, CacheEntry<BandPoint>>();

function cached<P>(
  cache: WeakMap<object, CacheEntry<P>>,
  key: ArrayLike<number>,
  entry: Omit<CacheEntry<P>, 'prepared'>,
  make: () => Prepared<P>,
): Prepared<P> {
  const hit = cache.get(key);
  if (
    hit &&
    hit.xs === entry.xs &&
    hit.other === entry.other &&
    hit.length === entry.length &&
    hit.threshold === entry.threshold &&
    hit.log === entry.log
  ) {
    return hit.prepared;
  }
  const prepared = make();
  cache.set(key, { ...entry, prepared });
  return prepared;
}

/** Finite values <= 0 among the first `length` of each array (what a log axis hides). */
function countNonPositive(length: number, ...arrays: ArrayLike<number>[]): number {
  let hidden = 0;
  for (let i = 0; i < length; i++) {
    if (arrays.some((a) => (a[i] as number) <= 0)) hidden++;
  }
  return hidden;
}

/** The line's points, at most `threshold` (LTTB keeps the shape); on a log axis only y > 0. */
export function prepareLine(line: ChartLine, threshold: number, log: boolean): Prepared<Point> {
  const { xs, ys, length } = line;
  return cached(lineCache, ys, { xs, other: undefined, length, threshold, log }, () => {
    const points = downsampleLine(xs, ys, length, threshold, log ? isDrawableOnLog : isDrawable);
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const p of points) {
      yMin = Math.min(yMin, p.y);
      yMax = Math.max(yMax, p.y);
    }
    return { points, hidden: log ? countNonPositive(length, ys) : 0, yMin, yMax };
  });
}

/** The band's points, about `threshold` run envelopes; on a log axis only where both edges > 0. */
export function prepareBand(band: ChartBand, threshold: number, log: boolean): Prepared<BandPoint> {
  const { xs, lows, highs, length } = band;
  return cached(bandCache, lows, { xs, other: highs, length, threshold, log }, () => {
    const keep = log ? isDrawableOnLog : isDrawable;
    const points = downsampleBand(xs, lows, highs, length, threshold, keep);
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const p of points) {
      yMin = Math.min(yMin, p.range[0]);
      yMax = Math.max(yMax, p.range[1]);
    }
    const hidden = log ? countNonPositive(length, lows, highs) : 0;
    return { points, hidden, yMin, yMax };
  });
}

/** Largest recorded x over the lines and bands (each one's last: xs ascend), 0 with no points. */
export function lastX(series: readonly { xs: ArrayLike<number>; length: number }[]): number {
  let x = 0;
  for (const s of series) if (s.length > 0) x = Math.max(x, s.xs[s.length - 1] as number);
  return x;
}

/** A fitted linear axis spans about this many steps between round ticks. */
const LINEAR_STEPS = 5;

/** Cuts the rounding noise of multiplying a step (0.30000000000000004) to the step's precision. */
const roundTick = (v: number) => Number(v.toPrecision(12));

/** Steps between round ticks: 1, 2 or 5 times a power of ten. */
const AXIS_MULTIPLES = [1, 2, 5];
/** A range narrower than this fraction of its values' size is drawn as flat (ticks keep 12 digits). */
const FLAT_RELATIVE_RANGE = 1e-9;
/** Step sizes tried at most (3 per power of ten: far more than any finite range needs). */
const MAX_STEP_TRIES = 3 * 700;

/**
 * A linear axis over [yMin, yMax]: widened outward to whole multiples of a round step (1, 2 or 5
 * times a power of ten, about a fifth of the range, larger when that would give more than
 * `maxTicks`), with a tick at each multiple. A flat range is widened by 0.5 each way first; nothing
 * finite gives [0, 1].
 */
export function linearAxis(
  yMin: number,
  yMax: number,
  maxTicks = Infinity,
): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax) || yMax < yMin) {
    return { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  }
  // A range within rounding of its values (a smoothed 1 next to 0.9999999999999999) is flat.
  const flat = yMax - yMin <= Math.max(Math.abs(yMin), Math.abs(yMax)) * FLAT_RELATIVE_RANGE;
  const [low, high] = flat ? [yMin - 0.5, yMin + 0.5] : [yMin, yMax];
  const raw = (high - low) / LINEAR_STEPS;
  // A range too small for a step (a fifth of it underflows) or too large to subtract: its ends.
  const ends = { domain: [low, high] as [number, number], ticks: [low, high] };
  if (!(raw > 0) || !Number.isFinite(raw)) return ends;
  const most = Math.max(3, Number.isNaN(maxTicks) ? 3 : maxTicks);
  let exponent = Math.floor(Math.log10(raw));
  let index = AXIS_MULTIPLES.findIndex((m) => m * 10 ** exponent >= raw);
  if (index < 0) [index, exponent] = [0, exponent + 1];
  // Three ticks fit once a step is as long as the range; each try grows the step, so a few
  // dozen tries reach it from any start (the bound only guards against float surprises).
  for (let tries = 0; tries < MAX_STEP_TRIES; tries++) {
    const step = (AXIS_MULTIPLES[index] as number) * 10 ** exponent;
    const first = Math.floor(low / step);
    const last = Math.ceil(high / step);
    if (last - first + 1 <= most) {
      // Counted from 0: past 2^53 a float index would not move under k++.
      const ticks = Array.from({ length: last - first + 1 }, (_, k) =>
        roundTick((first + k) * step),
      );
      return { domain: [roundTick(first * step), roundTick(last * step)], ticks };
    }
    index += 1;
    if (index === AXIS_MULTIPLES.length) [index, exponent] = [0, exponent + 1];
  }
  return ends;
}

/** Round steps between ticks: 1, 2 or 5 times a power of ten (2.5 for quarters of a range). */
const ROUND_MULTIPLES = [1, 2, 2.5, 5, 10];

/**
 * Round ticks inside a fixed linear range [lo, hi], at most `maxTicks` of them: multiples of the
 * smallest round step (1, 2, 2.5 or 5 times a power of ten) that fits, so ticks are evenly spaced
 * (never 0, 1, 2, 4). A range with no room for two ticks gives its two ends.
 */
export function linearTicksWithin([lo, hi]: [number, number], maxTicks: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return [];
  const most = Math.max(2, Math.floor(maxTicks));
  const power = 10 ** Math.floor(Math.log10((hi - lo) / most));
  for (const base of [power, 10 * power]) {
    for (const multiple of ROUND_MULTIPLES) {
      const step = multiple * base;
      const first = Math.ceil(roundTick(lo / step));
      const last = Math.floor(roundTick(hi / step));
      if (last - first + 1 <= most && last > first) {
        const ticks: number[] = [];
        for (let k = first; k <= last; k++) ticks.push(roundTick(k * step));
        return ticks;
      }
    }
  }
  return [lo, hi];
}

/** At most this many labelled decades on a log axis; more decades label every 2nd, 3rd, ... */
const MAX_LOG_TICKS = 7;

/** 10^e written exactly (Math.pow(10, -3) is 0.0010000000000000002). */
const powerOfTen = (e: number) => Number(`1e${e}`);

/**
 * A log axis over [yMin, yMax] (positive): from the power of ten at or below yMin to the one at or
 * above yMax (at least one decade), ticks at powers of ten. Nothing positive: [1, 10].
 */
export function logAxis(yMin: number, yMax: number): { domain: [number, number]; ticks: number[] } {
  if (!(yMin > 0) || !Number.isFinite(yMax) || yMax < yMin) {
    return { domain: [1, 10], ticks: [1, 10] };
  }
  const lo = Math.floor(Math.log10(yMin));
  let hi = Math.ceil(Math.log10(yMax));
  if (hi <= lo) hi = lo + 1;
  const stride = Math.ceil((hi - lo) / (MAX_LOG_TICKS - 1));
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += stride) ticks.push(powerOfTen(e));
  return { domain: [powerOfTen(lo), powerOfTen(hi)], ticks };
}

/** Powers of ten inside a fixed positive log range (undefined when under two: recharts picks). */
export function logTicksWithin([lo, hi]: [number, number]): number[] | undefined {
  const ticks: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) {
    ticks.push(powerOfTen(e));
  }
  return ticks.length >= 2 ? ticks : undefined;
}
