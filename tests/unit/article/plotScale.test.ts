import { describe, expect, it } from 'vitest';
import {
  fitDomain,
  lerpDomain,
  niceStep,
  tickLabel,
  ticks,
} from '../../../src/page/article/mechanics/plotScale';

const BOX = { width: 600, height: 300 };

describe('fitDomain', () => {
  it('holds the points and the origin with equal units on both axes', () => {
    const d = fitDomain(
      [
        { x: 2, y: -1 },
        { x: 5, y: -3 },
      ],
      BOX,
    );
    expect(d.x0).toBeLessThanOrEqual(0);
    expect(d.x1).toBeGreaterThan(5);
    expect(d.y0).toBeLessThan(-3);
    expect(d.y1).toBeGreaterThanOrEqual(0);
    expect((d.x1 - d.x0) / BOX.width).toBeCloseTo((d.y1 - d.y0) / BOX.height, 12);
  });

  it('keeps a minimum span when the points collapse onto the origin', () => {
    const d = fitDomain([{ x: 0, y: 0 }], BOX, 0.1, 2);
    expect(d.y1 - d.y0).toBeCloseTo(2, 12);
    expect(d.x1 - d.x0).toBeCloseTo(4, 12);
  });

  it('interpolates windows linearly', () => {
    const a = { x0: 0, x1: 2, y0: -1, y1: 1 };
    const b = { x0: -4, x1: 6, y0: -5, y1: 5 };
    expect(lerpDomain(a, b, 0.5)).toEqual({ x0: -2, x1: 4, y0: -3, y1: 3 });
  });
});

describe('ticks', () => {
  it('picks steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.13)).toBeCloseTo(0.1, 12);
    expect(niceStep(2.9)).toBe(2);
    expect(niceStep(4)).toBe(5);
    expect(niceStep(80)).toBe(100);
  });

  it('lists the multiples of the step in the window, labelled to the step', () => {
    expect(ticks(-1.2, 2.1, 1)).toEqual([-1, 0, 1, 2]);
    expect(ticks(-0.7, 0.6, 0.5)).toEqual([-0.5, 0, 0.5]);
    expect(tickLabel(0.5, 0.5)).toBe('0.5');
    expect(tickLabel(4, 2)).toBe('4');
    expect(tickLabel(0.2, 0.1)).toBe('0.2');
  });
});
