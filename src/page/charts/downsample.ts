import { LTTB } from 'downsample/methods/LTTB';

/** One point of a chart line. */
export interface Point {
  x: number;
  y: number;
}

/** One point of a band: its x and its [low, high] edges (recharts draws an Area of a range). */
export interface BandPoint {
  x: number;
  range: [number, number];
}

/** Which y values a chart draws: finite ones on a linear axis. */
export const isDrawable = (y: number) => Number.isFinite(y);

/** Which y values a log axis draws: finite and positive. */
export const isDrawableOnLog = (y: number) => Number.isFinite(y) && y > 0;

/**
 * At most `threshold` points (threshold >= 3; below that, all) of (xs[i], ys[i]), i < length,
 * chosen by Largest-Triangle-Three-Buckets so the line keeps its peaks and shape. Points whose y
 * fails `keep` (by default: non-finite ones) are dropped first.
 */
export function downsampleLine(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  length: number,
  threshold: number,
  keep: (y: number) => boolean = isDrawable,
): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < length; i++) {
    const y = ys[i] as number;
    if (keep(y)) points.push({ x: xs[i] as number, y });
  }
  if (points.length <= threshold || threshold < 3) return points;
  return LTTB(points, threshold) as Point[];
}

/**
 * The band between lows[i] and highs[i] with at most `threshold + 1` points (threshold >= 1): the
 * kept points are split into `threshold` runs of consecutive points, each drawn at its first x with
 * the lowest low and highest high of the run, so the band still covers every point; a last point at
 * the last x closes it. Points with an edge failing `keep` (by default: non-finite) are dropped.
 */
export function downsampleBand(
  xs: ArrayLike<number>,
  lows: ArrayLike<number>,
  highs: ArrayLike<number>,
  length: number,
  threshold: number,
  keep: (y: number) => boolean = isDrawable,
): BandPoint[] {
  const kept: number[] = [];
  for (let i = 0; i < length; i++) {
    if (keep(lows[i] as number) && keep(highs[i] as number)) kept.push(i);
  }
  const at = (k: number) => kept[k] as number;
  if (kept.length <= threshold + 1 || threshold < 1) {
    return kept.map((i) => ({
      x: xs[i] as number,
      range: [lows[i] as number, highs[i] as number],
    }));
  }
  const out: BandPoint[] = [];
  const size = kept.length / threshold;
  let low = Infinity;
  let high = -Infinity;
  for (let b = 0; b < threshold; b++) {
    const start = Math.floor(b * size);
    const end = Math.floor((b + 1) * size);
    low = Infinity;
    high = -Infinity;
    for (let k = start; k < end; k++) {
      low = Math.min(low, lows[at(k)] as number);
      high = Math.max(high, highs[at(k)] as number);
    }
    out.push({ x: xs[at(start)] as number, range: [low, high] });
  }
  out.push({ x: xs[at(kept.length - 1)] as number, range: [low, high] });
  return out;
}
