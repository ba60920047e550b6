import { LTTB } from 'downsample/methods/LTTB';

/** One point of a chart line. */
export interface Point {
  x: number;
  y: number;
}

/**
 * At most `threshold` points (threshold >= 3; below that, all) of (xs[i], ys[i]), i < length, chosen
 * by Largest-Triangle-Three-Buckets so the line keeps its peaks and shape. Non-finite y are dropped.
 */
export function downsampleLine(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  length: number,
  threshold: number,
): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < length; i++) {
    const y = ys[i] as number;
    if (Number.isFinite(y)) points.push({ x: xs[i] as number, y });
  }
  if (points.length <= threshold || threshold < 3) return points;
  return LTTB(points, threshold) as Point[];
}
