import { describe, expect, it } from 'vitest';
import { bandPath, linePath, lonePoint, type ToPixel } from '../../../src/page/charts/seriesPath';

/** x to pixels 10 per unit from 5; y upside down from 100, 20 per unit. */
const toX: ToPixel = (v) => 5 + 10 * v;
const toY: ToPixel = (v) => 100 - 20 * v;
/** A log-like y scale with no pixel for values <= 0. */
const toLogY: ToPixel = (v) => (v > 0 ? 100 - 20 * Math.log10(v) : undefined);

describe('linePath', () => {
  it('moves to the first point and draws to the others, in pixels to a tenth', () => {
    const d = linePath(
      [
        { x: 0, y: 1 },
        { x: 1, y: 2.5 },
        { x: 2.02, y: 0.333 },
      ],
      toX,
      toY,
    );
    expect(d).toBe('M5,80L15,50L25.2,93.3');
  });

  it('skips points the scale cannot place and joins their neighbours', () => {
    const d = linePath(
      [
        { x: 0, y: 10 },
        { x: 1, y: 0 },
        { x: 2, y: 100 },
      ],
      toX,
      toLogY,
    );
    expect(d).toBe('M5,80L25,60');
  });

  it('is empty with fewer than two placed points', () => {
    expect(linePath([], toX, toY)).toBe('');
    expect(linePath([{ x: 1, y: 1 }], toX, toY)).toBe('');
    expect(
      linePath(
        [
          { x: 1, y: 1 },
          { x: 2, y: -1 },
        ],
        toX,
        toLogY,
      ),
    ).toBe('');
  });
});

describe('bandPath', () => {
  it('goes along the high edge, back along the low edge, and closes', () => {
    const d = bandPath(
      [
        { x: 0, range: [0, 1] },
        { x: 1, range: [0.5, 2] },
        { x: 2, range: [1, 1.5] },
      ],
      toX,
      toY,
    );
    expect(d).toBe('M5,80L15,60L25,70L25,80L15,90L5,100Z');
  });

  it('leaves out a point with an edge the scale cannot place', () => {
    const d = bandPath(
      [
        { x: 0, range: [1, 10] },
        { x: 1, range: [0, 10] },
        { x: 2, range: [1, 100] },
      ],
      toX,
      toLogY,
    );
    expect(d).toBe('M5,80L25,60L25,100L5,100Z');
    expect(bandPath([{ x: 0, range: [1, 2] }], toX, toY)).toBe('');
  });
});

describe('lonePoint', () => {
  it('is the pixel of the only placed point, so a one-point line can be marked', () => {
    expect(lonePoint([{ x: 2, y: 0.5 }], toX, toY)).toEqual({ x: 25, y: 90 });
    // The other points cannot be placed on a log axis: the one left is marked.
    expect(
      lonePoint(
        [
          { x: 0, y: 0 },
          { x: 1, y: 10 },
        ],
        toX,
        toLogY,
      ),
    ).toEqual({ x: 15, y: 80 });
  });

  it('is null with no placed point or with two (those draw a path)', () => {
    expect(lonePoint([], toX, toY)).toBeNull();
    expect(lonePoint([{ x: 1, y: 0 }], toX, toLogY)).toBeNull();
    expect(
      lonePoint(
        [
          { x: 0, y: 1 },
          { x: 1, y: 1 },
        ],
        toX,
        toY,
      ),
    ).toBeNull();
  });
});
