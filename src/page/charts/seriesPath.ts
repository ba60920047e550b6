/**
 * SVG path data of a chart's lines and bands: one string per series, built in a single loop over
 * its points. Pure; the axes' scales are passed in as data-to-pixel functions.
 */
import type { BandPoint, Point } from './downsample';

/** Maps a data value to a pixel coordinate, or undefined where the scale has none (log of <= 0). */
export type ToPixel = (value: number) => number | undefined;

/** Pixel coordinates are written to a tenth of a pixel (shorter strings, no visible difference). */
const round = (v: number) => Math.round(v * 10) / 10;

/** Did the scale place the value? */
const placed = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * "M x y L x y …" through the points in order; a point the scales cannot place is skipped and the
 * line joins its neighbours (as recharts' connectNulls). Empty for fewer than two placed points.
 */
export function linePath(points: readonly Point[], toX: ToPixel, toY: ToPixel): string {
  const parts: string[] = [];
  for (const p of points) {
    const x = toX(p.x);
    const y = toY(p.y);
    if (!placed(x) || !placed(y)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${round(x)},${round(y)}`);
  }
  return parts.length > 1 ? parts.join('') : '';
}

/**
 * The pixel of a line's only placed point, or null when it has none or several: a line of one
 * point has no path, so the chart marks the point instead (a single test evaluation, a run that
 * stopped after its first step).
 */
export function lonePoint(
  points: readonly Point[],
  toX: ToPixel,
  toY: ToPixel,
): { x: number; y: number } | null {
  let found: { x: number; y: number } | null = null;
  for (const p of points) {
    const x = toX(p.x);
    const y = toY(p.y);
    if (!placed(x) || !placed(y)) continue;
    if (found) return null;
    found = { x: round(x), y: round(y) };
  }
  return found;
}

/**
 * A closed outline of the band: along its high edge left to right, back along its low edge, "Z".
 * Points the scales cannot place are skipped. Empty for fewer than two placed points.
 */
export function bandPath(points: readonly BandPoint[], toX: ToPixel, toY: ToPixel): string {
  const highs: string[] = [];
  const lows: string[] = [];
  for (const p of points) {
    const x = toX(p.x);
    const high = toY(p.range[1]);
    const low = toY(p.range[0]);
    if (!placed(x) || !placed(high) || !placed(low)) continue;
    const px = round(x);
    highs.push(`${px},${round(high)}`);
    lows.push(`${px},${round(low)}`);
  }
  if (highs.length < 2) return '';
  return `M${highs.join('L')}L${lows.reverse().join('L')}Z`;
}
