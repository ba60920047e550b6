/**
 * Path data kept per series between redraws: a series whose points and axes are unchanged (a run
 * that has ended, while others stream) is not written out again. Keyed by the points array, which
 * the chart's preparation keeps while the series is unchanged.
 */
import type { ToPixel } from './seriesPath';

/** Values whose pixels identify a scale: linear and log scales that agree on them are the same. */
const PROBES = [1, 2, 10] as const;

/** Where the scales put the probe values (x then y): equal prints, equal scales. */
export function scalePrint(toX: ToPixel, toY: ToPixel): number[] {
  return [...PROBES.map((v) => toX(v) ?? NaN), ...PROBES.map((v) => toY(v) ?? NaN)];
}

const samePrint = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A cache of path data for one chart (its lines and bands share it: their point arrays differ). */
export class PathCache {
  private readonly entries = new WeakMap<object, { print: readonly number[]; d: string }>();

  /** The path of `points` under the scales of `print`, built by `build` only when not kept. */
  path(points: object, print: readonly number[], build: () => string): string {
    const hit = this.entries.get(points);
    if (hit && samePrint(hit.print, print)) return hit.d;
    const d = build();
    this.entries.set(points, { print, d });
    return d;
  }
}
