/**
 * A chart in words, for screen readers and anyone who prefers numbers: one sentence per line (its
 * range of x, first, last, lowest and highest value) and a table of every line at evenly spaced x.
 */
import { nearestIndex } from './search';
import type { ChartLine } from './types';

/** Rows of the data table at most: evenly spaced over the x range, both ends included. */
const TABLE_ROWS = 21;

export interface LineSummary {
  label: string;
  points: number;
  firstX: number;
  lastX: number;
  first: number;
  last: number;
  min: number;
  max: number;
}

/** The finite points' summary of a line, or null when it has none. */
export function summarizeLine(line: ChartLine): LineSummary | null {
  let points = 0;
  let firstX = NaN;
  let lastX = NaN;
  let first = NaN;
  let last = NaN;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < line.length; i++) {
    const y = line.ys[i] as number;
    if (!Number.isFinite(y)) continue;
    const x = line.xs[i] as number;
    if (points === 0) {
      firstX = x;
      first = y;
    }
    points += 1;
    lastX = x;
    last = y;
    min = Math.min(min, y);
    max = Math.max(max, y);
  }
  return points === 0 ? null : { label: line.label, points, firstX, lastX, first, last, min, max };
}

/** One sentence per line, e.g. "CNN + BN: 300 points, step 1 to 300, from 2.31 to 0.21 (lowest 0.18, highest 2.4)." */
export function describeLines(
  lines: readonly ChartLine[],
  xLabel: string,
  formatX: (v: number) => string,
  formatY: (v: number) => string,
): string {
  const sentences = lines.map((line) => {
    const s = summarizeLine(line);
    if (!s) return `${line.label}: no points yet.`;
    return (
      `${s.label}: ${s.points} ${s.points === 1 ? 'point' : 'points'}, ${xLabel} ${formatX(s.firstX)} to ` +
      `${formatX(s.lastX)}, from ${formatY(s.first)} to ${formatY(s.last)} ` +
      `(lowest ${formatY(s.min)}, highest ${formatY(s.max)}).`
    );
  });
  return sentences.length > 0 ? sentences.join(' ') : 'No lines.';
}

/**
 * The table: up to `rows` x values spread evenly over the lines' range, each moved to the nearest
 * x the longest line has (real steps, no duplicates), and each line's value at its nearest point.
 */
export function tableRows(
  lines: readonly ChartLine[],
  rows = TABLE_ROWS,
): { x: number; values: number[] }[] {
  const drawn = lines.filter((line) => summarizeLine(line) !== null);
  const summaries = drawn.map((line) => summarizeLine(line) as LineSummary);
  if (summaries.length === 0) return [];
  const lo = Math.min(...summaries.map((s) => s.firstX));
  const hi = Math.max(...summaries.map((s) => s.lastX));
  const longest = drawn.reduce((a, b) => (b.length > a.length ? b : a));
  const count = hi > lo ? rows : 1;
  const xs = new Set<number>();
  for (let i = 0; i < count; i++) {
    const x = lo + ((hi - lo) * i) / Math.max(1, count - 1);
    const at = nearestIndex(longest.xs, longest.length, x);
    xs.add(at < 0 ? x : (longest.xs[at] as number));
  }
  return [...xs]
    .sort((a, b) => a - b)
    .map((x) => ({
      x,
      values: lines.map((line) => {
        const i = nearestIndex(line.xs, line.length, x);
        return i < 0 ? NaN : (line.ys[i] as number);
      }),
    }));
}
