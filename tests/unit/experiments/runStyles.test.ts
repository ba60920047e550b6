import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex } from '../../../src/page/charts/contrast';
import {
  freeStyle,
  RUN_COLORS,
  runStyleAt,
  seedShade,
  STYLE_COUNT,
  styleKey,
} from '../../../src/experiments/runStyles';

describe('freeStyle', () => {
  const blue = { color: '#0072B2', dashed: false };

  it('keeps the preferred look while it is free, whatever the letter case', () => {
    expect(freeStyle(blue, new Set(), 5)).toBe(blue);
    expect(freeStyle(blue, new Set([styleKey({ color: '#0072b2', dashed: false })]), 5)).toEqual(
      runStyleAt(1),
    );
  });

  it('takes the first free palette style, a dashed one once every colour is taken solid', () => {
    const solid = new Set(RUN_COLORS.map((color) => styleKey({ color, dashed: false })));
    expect(freeStyle(undefined, solid, 0)).toEqual({ color: RUN_COLORS[0], dashed: true });
  });

  it('repeats the fallback-th style when all twenty are taken', () => {
    const all = new Set(Array.from({ length: STYLE_COUNT }, (_, i) => styleKey(runStyleAt(i))));
    expect(freeStyle(blue, all, 23)).toEqual(runStyleAt(3));
  });
});

describe('seedShade', () => {
  it('leaves the first seed, a lone run and non-hex colours alone', () => {
    expect(seedShade('#0072B2', 0, 3)).toBe('#0072B2');
    expect(seedShade('#0072B2', 0, 1)).toBe('#0072B2');
    expect(seedShade('red', 2, 3)).toBe('red');
  });

  it('mixes later seeds alternately towards white and black, by hand-computed amounts', () => {
    // Two seeds: the second goes 45% of the way to white. 0x00 -> 114.75 -> 115 (0x73);
    // 0x72 = 114 -> 114 + 141 * 0.45 = 177.45 -> 177 (0xb1); 0xb2 = 178 -> 212.65 -> 213 (0xd5).
    expect(seedShade('#0072B2', 1, 2)).toBe('#73b1d5');
    // Three seeds: the third goes 45% of the way to black. 0x72 = 114 -> 62.7 -> 63 (0x3f);
    // 0xb2 = 178 -> 97.9 -> 98 (0x62).
    expect(seedShade('#0072B2', 2, 3)).toBe('#003f62');
    // Five seeds: seeds 1 and 2 move half as far as seeds 3 and 4 (255 * 0.225 = 57.4 -> 0x39).
    expect(seedShade('#000000', 1, 5)).toBe('#393939');
    expect(seedShade('#000000', 3, 5)).toBe('#737373');
  });

  it('gives every seed of eight a different colour', () => {
    for (const color of RUN_COLORS) {
      const shades = Array.from({ length: 8 }, (_, i) => seedShade(color, i, 8));
      expect(new Set(shades).size).toBe(8);
      for (const shade of shades) expect(parseHex(shade)).not.toBeNull();
    }
  });

  it('keeps palette colours apart from each other (no two closer than 1.05:1 in luminance or hue)', () => {
    // A weak check that the added colours are not near-duplicates of Okabe-Ito's.
    const keys = RUN_COLORS.map((c) => c.toLowerCase());
    expect(new Set(keys).size).toBe(RUN_COLORS.length);
    const rgb = RUN_COLORS.map((c) => parseHex(c)!);
    for (let i = 0; i < rgb.length; i++) {
      for (let j = i + 1; j < rgb.length; j++) {
        const distance = Math.hypot(...rgb[i]!.map((v, k) => v - rgb[j]![k]!));
        expect(distance > 60 || contrastRatio(rgb[i]!, rgb[j]!) > 1.05).toBe(true);
      }
    }
  });
});
