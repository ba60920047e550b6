/** Geometry of the scatter plot: a data window with equal units on both axes that holds the points and
 * the origin, and round-numbered ticks. Pure functions. */
import type { Point } from './batchNormMath';

/** The data window shown: x from x0 to x1, y from y0 to y1. */
export interface Domain {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Size of the plotting area, in viewBox units. */
export interface Box {
  width: number;
  height: number;
}

/** Smallest span of either axis, in data units, so a collapsed cloud (γ = 0) still has a scale. */
const MIN_SPAN = 2;
/** Empty margin on each side of the points, as a fraction of their span. */
const PADDING = 0.1;
/** Aimed-for distance between ticks, in viewBox units. */
export const TICK_SPACING = 70;

/** The window holding every point and the origin, with one data unit the same length on both axes
 * (so a round cloud looks round), centred on what it holds. */
export function fitDomain(
  points: readonly Point[],
  box: Box,
  padding = PADDING,
  minSpan = MIN_SPAN,
): Domain {
  let [xMin, xMax, yMin, yMax] = [0, 0, 0, 0];
  for (const p of points) {
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y);
    yMax = Math.max(yMax, p.y);
  }
  const spanX = Math.max((xMax - xMin) * (1 + 2 * padding), minSpan);
  const spanY = Math.max((yMax - yMin) * (1 + 2 * padding), minSpan);
  const unit = Math.max(spanX / box.width, spanY / box.height); // data units per viewBox unit
  const [cx, cy] = [(xMin + xMax) / 2, (yMin + yMax) / 2];
  const [hx, hy] = [(unit * box.width) / 2, (unit * box.height) / 2];
  return { x0: cx - hx, x1: cx + hx, y0: cy - hy, y1: cy + hy };
}

/** The window a fraction `t` of the way from `a` to `b`. */
export function lerpDomain(a: Domain, b: Domain, t: number): Domain {
  const at = (u: number, v: number) => u + (v - u) * t;
  return { x0: at(a.x0, b.x0), x1: at(a.x1, b.x1), y0: at(a.y0, b.y0), y1: at(a.y1, b.y1) };
}

/** The round step (1, 2 or 5 times a power of ten) nearest to `rough`. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const f = rough / power;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
}

/** The multiples of `step` from `lo` to `hi`. */
export function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(lo / step); k <= Math.floor(hi / step); k++) out.push(k * step || 0);
  return out;
}

/** A tick's label, with as many decimals as the step needs. */
export function tickLabel(value: number, step: number): string {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toFixed(decimals);
}
