/**
 * WCAG 2.1 contrast for chart lines: a line must stand out from the chart's background by at least
 * 3:1 (success criterion 1.4.11, non-text contrast). A run's colour that falls short on the current
 * theme is drawn mixed towards white (dark themes) or black (light ones) just enough to pass, so its
 * hue stays recognisable and the stored colour is unchanged.
 */

/** Least contrast of a line against its background (WCAG non-text contrast). */
export const MIN_LINE_CONTRAST = 3;

/** [r, g, b] in 0..255 of "#rrggbb" or "#rgb"; null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1] as string;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * `color` as drawn on `background`: itself when it has MIN_LINE_CONTRAST (or more) against it,
 * else the least mix towards white or black (whichever the background is further from) that has.
 * Colours that are not hex pass through unchanged.
 */
export function readableOn(color: string, background: string, min = MIN_LINE_CONTRAST): string {
  // Charts ask on every data update for the same few colours: answer from memory.
  const key = `${color}|${background}|${min}`;
  const known = drawnColors.get(key);
  if (known !== undefined) return known;
  if (drawnColors.size >= MAX_REMEMBERED) drawnColors.clear();
  const drawn = adjust(color, background, min);
  drawnColors.set(key, drawn);
  return drawn;
}

/** Colours worked out so far (few: the palette, picked colours, two themes). */
const drawnColors = new Map<string, string>();
const MAX_REMEMBERED = 256;

function adjust(color: string, background: string, min: number): string {
  const fg = parseHex(color);
  const bg = parseHex(background);
  if (!fg || !bg || contrastRatio(fg, bg) >= min) return color;
  const target = luminance(bg) < 0.5 ? [255, 255, 255] : [0, 0, 0];
  const mix = (t: number) => fg.map((v, i) => v + ((target[i] ?? 0) - v) * t);
  // Bisection on the mix fraction: the contrast grows with it towards the far end.
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(mid), bg) >= min) hi = mid;
    else lo = mid;
  }
  // Rounding to whole channels can lose a hair of contrast: step on until it holds.
  for (let t = hi; t <= 1; t += 0.01) {
    const candidate = mix(t).map((v) => Math.round(v));
    if (contrastRatio(candidate, bg) >= min) return toHex(candidate);
  }
  return toHex(target);
}
