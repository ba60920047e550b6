/** Styles handed to lab runs in turn: colour-blind-safe colours, then the same ones dashed. */
import { OKABE_ITO } from './palette';
import type { RunStyle } from './types';

/** Okabe-Ito without yellow and black (too faint on white, invisible on the dark theme). */
const COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
];

/** The colours a user may pick for a run, in the order runs receive them. */
export const RUN_COLORS: readonly string[] = COLORS;

/** The `index`-th style: six solid colours, then the six dashed, then again. */
export function runStyleAt(index: number): RunStyle {
  const i = ((index % (2 * COLORS.length)) + 2 * COLORS.length) % (2 * COLORS.length);
  return { color: COLORS[i % COLORS.length] ?? OKABE_ITO.blue, dashed: i >= COLORS.length };
}
