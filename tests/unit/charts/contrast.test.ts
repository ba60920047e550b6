import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  luminance,
  MIN_LINE_CONTRAST,
  parseHex,
  readableOn,
} from '../../../src/page/charts/contrast';
import { RUN_COLORS } from '../../../src/experiments/runStyles';

/** The themes' chart backgrounds (src/page/app/app.css --surface). */
const LIGHT = '#ffffff';
const DARK = '#1d2026';

describe('WCAG contrast', () => {
  it('computes luminance and ratios as WCAG defines them', () => {
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    expect(contrastRatio([255, 255, 255], [255, 255, 255])).toBe(1);
    // #777 on white: the textbook 4.48:1.
    expect(contrastRatio(parseHex('#777')!, parseHex('#fff')!)).toBeCloseTo(4.48, 2);
    expect(parseHex('#0072B2')).toEqual([0, 114, 178]);
    expect(parseHex('blue')).toBeNull();
  });

  it('keeps a colour that already has 3:1, and lifts one that has not, just enough', () => {
    // Okabe-Ito blue passes on both themes (3.1:1 on the dark surface); its orange fails on white.
    expect(readableOn('#0072b2', LIGHT)).toBe('#0072b2');
    expect(readableOn('#0072b2', DARK)).toBe('#0072b2');
    expect(contrastRatio(parseHex('#e69f00')!, parseHex(LIGHT)!)).toBeLessThan(3);
    const lifted = readableOn('#1f4e8c', DARK);
    expect(lifted).not.toBe('#1f4e8c');
    const ratio = contrastRatio(parseHex(lifted)!, parseHex(DARK)!);
    expect(ratio).toBeGreaterThanOrEqual(MIN_LINE_CONTRAST);
    expect(ratio).toBeLessThan(MIN_LINE_CONTRAST + 0.1);
    // A pale colour on white goes darker instead.
    const darker = readableOn('#e69f00', LIGHT);
    expect(luminance(parseHex(darker)!)).toBeLessThan(luminance(parseHex('#e69f00')!));
    expect(contrastRatio(parseHex(darker)!, parseHex(LIGHT)!)).toBeGreaterThanOrEqual(3);
    expect(readableOn('currentColor', DARK)).toBe('currentColor');
  });

  it('makes every run colour readable on both themes', () => {
    for (const color of RUN_COLORS) {
      for (const bg of [LIGHT, DARK]) {
        const drawn = readableOn(color, bg);
        expect(
          contrastRatio(parseHex(drawn)!, parseHex(bg)!),
          `${color} on ${bg}`,
        ).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
