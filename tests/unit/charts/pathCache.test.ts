import { describe, expect, it } from 'vitest';
import { PathCache, scalePrint } from '../../../src/page/charts/pathCache';
import type { ToPixel } from '../../../src/page/charts/seriesPath';

const linear =
  (a: number, b: number): ToPixel =>
  (v) =>
    a + b * v;
const log: ToPixel = (v) => (v > 0 ? 100 * Math.log10(v) : undefined);

describe('PathCache', () => {
  it('builds a series path once while its points and scales stay the same', () => {
    const cache = new PathCache();
    const points = [{ x: 0, y: 1 }];
    let built = 0;
    const build = () => `path ${++built}`;
    const print = scalePrint(linear(0, 2), linear(5, -1));
    expect(cache.path(points, print, build)).toBe('path 1');
    expect(cache.path(points, scalePrint(linear(0, 2), linear(5, -1)), build)).toBe('path 1');
    expect(built).toBe(1);
  });

  it('builds again for new points or a moved axis', () => {
    const cache = new PathCache();
    const points = [{ x: 0, y: 1 }];
    let built = 0;
    const build = () => `path ${++built}`;
    cache.path(points, scalePrint(linear(0, 2), linear(5, -1)), build);
    expect(cache.path([...points], scalePrint(linear(0, 2), linear(5, -1)), build)).toBe('path 2');
    expect(cache.path(points, scalePrint(linear(0, 3), linear(5, -1)), build)).toBe('path 3');
    expect(cache.path(points, scalePrint(linear(0, 3), linear(6, -1)), build)).toBe('path 4');
  });

  it('tells a log axis from a linear one through the same two pixels', () => {
    // Both put 1 at 0 and 10 at 100; only the probe at 2 differs (30.1 against 11.1).
    const linearThrough = linear(-100 / 9, 100 / 9);
    expect(linearThrough(1)).toBeCloseTo(0);
    expect(linearThrough(10)).toBeCloseTo(100);
    expect(scalePrint(linear(0, 1), log)).not.toEqual(scalePrint(linear(0, 1), linearThrough));
  });

  it('tells unplaced probes apart from placed ones', () => {
    const none: ToPixel = () => undefined;
    const cache = new PathCache();
    const points: object[] = [];
    let built = 0;
    const build = () => `path ${++built}`;
    cache.path(points, scalePrint(none, none), build);
    expect(cache.path(points, scalePrint(none, none), build)).toBe('path 1');
    expect(cache.path(points, scalePrint(linear(0, 1), none), build)).toBe('path 2');
  });
});
