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

/** Indices of the drawn points of the line being downsampled (grown as lines grow, reused). */
let keptScratch = new Int32Array(1024);

/** The indices i < length whose y passes `keep`, in `keptScratch`; returns how many. */
function keptIndices(ys: ArrayLike<number>, length: number, keep: (y: number) => boolean): number {
  if (keptScratch.length < length)
    keptScratch = new Int32Array(Math.max(length, 2 * keptScratch.length));
  let count = 0;
  for (let i = 0; i < length; i++) if (keep(ys[i] as number)) keptScratch[count++] = i;
  return count;
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013) over the points (xs[k], ys[k]) for k in
 * kept[0..count): the first and last points, and from each of `threshold - 2` equal buckets between
 * them the point that makes the largest triangle with the point chosen before it and the mean of
 * the next bucket (the first of equals on a tie). Needs 3 <= threshold < count. The same choice as
 * the `downsample` package's LTTB, which copied every point into arrays of its own first: for a
 * 5,000-step line, about 15,000 short-lived objects per redraw, most of the page's garbage.
 */
export function lttbIndices(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  kept: ArrayLike<number>,
  count: number,
  threshold: number,
): number[] {
  const chosen = [kept[0] as number];
  /**
   * Where bucket b starts among kept[1..count-1): floor(b (count - 2) / (threshold - 2)) + 1, in
   * integers first, so the last bucket ends exactly before the last point (the package's
   * floating-point bucket size sometimes left out the point before it and ended on that one).
   */
  const start = (b: number) => Math.floor((b * (count - 2)) / (threshold - 2)) + 1;
  let a = kept[0] as number;
  for (let b = 0; b < threshold - 2; b++) {
    const from = start(b);
    const to = start(b + 1);
    // The next bucket's mean (the last point alone after the last bucket).
    const nextTo = b + 2 <= threshold - 2 ? start(b + 2) : count;
    let meanX = 0;
    let meanY = 0;
    for (let j = to; j < nextTo; j++) {
      const k = kept[j] as number;
      meanX += xs[k] as number;
      meanY += ys[k] as number;
    }
    meanX /= nextTo - to;
    meanY /= nextTo - to;
    const ax = xs[a] as number;
    const ay = ys[a] as number;
    let best = -1;
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const k = kept[j] as number;
      const area =
        Math.abs(
          (ax - meanX) * ((ys[k] as number) - ay) - (ax - (xs[k] as number)) * (meanY - ay),
        ) / 2;
      if (area > bestArea) {
        bestArea = area;
        best = k;
      }
    }
    chosen.push(best);
    a = best;
  }
  chosen.push(kept[count - 1] as number);
  return chosen;
}

/**
 * At most `threshold` points (threshold >= 3; below that, all) of (xs[i], ys[i]), i < length,
 * chosen by Largest-Triangle-Three-Buckets so the line keeps its peaks and shape. Points whose y
 * fails `keep` (by default: non-finite ones) are dropped first. Only the points returned are
 * allocated.
 */
export function downsampleLine(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  length: number,
  threshold: number,
  keep: (y: number) => boolean = isDrawable,
): Point[] {
  const count = keptIndices(ys, length, keep);
  const point = (i: number): Point => ({ x: xs[i] as number, y: ys[i] as number });
  if (count <= threshold || threshold < 3) {
    return Array.from(keptScratch.subarray(0, count), point);
  }
  return lttbIndices(xs, ys, keptScratch, count, threshold).map(point);
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
