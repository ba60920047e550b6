/**
 * How runs are told apart: a run takes its normalization's look (the article's) when no run on show
 * has it, else the first free style of a palette of colour-blind-safe colours, solid then dashed.
 */
import { OKABE_ITO, TOL_MUTED } from './palette';
import { NORMALIZATION_STYLES } from './runs';
import type { NormalizationName } from '../shared/runConfig';
import type { RunStyle } from './types';

/**
 * Okabe-Ito without yellow and black (too faint on white, invisible on the dark theme), then four
 * of Paul Tol's muted colours that none of them resembles.
 */
const COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  TOL_MUTED.wine,
  TOL_MUTED.teal,
  TOL_MUTED.olive,
  TOL_MUTED.indigo,
];

/** The colours a user may pick for a run, in the order runs receive them. */
export const RUN_COLORS: readonly string[] = COLORS;

/** How many different styles there are: every colour solid, then every colour dashed. */
export const STYLE_COUNT = 2 * COLORS.length;

/** The `index`-th style: the colours solid, then the same colours dashed, then again. */
export function runStyleAt(index: number): RunStyle {
  const i = ((index % STYLE_COUNT) + STYLE_COUNT) % STYLE_COUNT;
  return { color: COLORS[i % COLORS.length] ?? OKABE_ITO.blue, dashed: i >= COLORS.length };
}

/** A style as a set key: two runs with one key look the same. */
export const styleKey = (style: RunStyle): string =>
  `${style.color.toLowerCase()}|${style.dashed ? 'dashed' : 'solid'}`;

/**
 * `preferred` when no style in `taken` (keys from styleKey) looks like it, else the first palette
 * style not taken; when every style is taken, the `fallback`-th (so looks repeat in turn).
 */
export function freeStyle(
  preferred: RunStyle | undefined,
  taken: ReadonlySet<string>,
  fallback: number,
): RunStyle {
  if (preferred && !taken.has(styleKey(preferred))) return preferred;
  for (let i = 0; i < STYLE_COUNT; i++) {
    const style = runStyleAt(i);
    if (!taken.has(styleKey(style))) return style;
  }
  return runStyleAt(fallback);
}

/** The look a run of `normalization` has in the article (and takes in the lab when free). */
export const normalizationStyle = (normalization: NormalizationName): RunStyle =>
  NORMALIZATION_STYLES[normalization];

/** How far the outermost seed's shade moves towards white or black (0 = none, 1 = all the way). */
const MAX_SHADE = 0.45;

/**
 * The colour of seed `index` of `count` drawn apart (seeds not merged into a mean): the group's
 * colour for the first, then alternately lighter and darker, further for later seeds. A colour
 * that is not "#rrggbb" is returned unchanged.
 */
export function seedShade(color: string, index: number, count: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m || count <= 1 || index <= 0) return color;
  const steps = Math.ceil((count - 1) / 2);
  const amount = (MAX_SHADE * Math.ceil(index / 2)) / steps;
  const target = index % 2 === 1 ? 255 : 0;
  const hex = m[1] as string;
  const mixed = [0, 2, 4].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(v + (target - v) * amount);
  });
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
