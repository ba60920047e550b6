import { describe, expect, it } from 'vitest';
import {
  chartUnits,
  drawUnits,
  groupLabel,
  IMPORTED_MARK,
  niceRange,
  RAW_ID_SUFFIX,
  valueRange,
} from '../../../src/page/lab/chartUnits';
import { seedShade } from '../../../src/experiments/runStyles';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import type { RunView } from '../../../src/page/store/runView';
import { appendChunk, EMPTY_SERIES, type Series } from '../../../src/page/store/series';

function run(id: string, group: string, label: string, visible = true): RunView {
  return {
    id,
    label,
    group,
    visible,
    config: DEFAULT_RUN_CONFIG,
    experimentId: 'lab',
    panel: '',
    style: { color: '#0072B2', dashed: false },
    panelStyle: { color: '#0072B2', dashed: false },
    backend: 'wasm',
    status: 'completed',
    message: null,
    step: 0,
    stepsPerSecond: 0,
    msPerStep: 0,
  };
}

const series = (steps: number[], values: number[]): Series =>
  appendChunk(EMPTY_SERIES, {
    steps: Int32Array.from(steps),
    times: Float32Array.from(steps.map((s) => s * 100)),
    values: Float32Array.from(values),
  });

const runs = {
  a: run('a', 'g', 'bn · seed 1'),
  b: run('b', 'g', 'bn · seed 2'),
  c: run('c', 'c', 'plain'),
  d: run('d', 'd', 'hidden', false),
};
const order = ['a', 'b', 'c', 'd'];

describe('chart units', () => {
  it('merges a seed group into one unit named for the group, and skips hidden runs', () => {
    expect(chartUnits(order, runs, true).map((u) => [u.id, u.label, u.runIds])).toEqual([
      ['g', 'bn (2 seeds)', ['a', 'b']],
      ['c', 'plain', ['c']],
    ]);
    expect(chartUnits(order, runs, false).map((u) => u.id)).toEqual(['a', 'b', 'c']);
    expect(groupLabel('x · seed 12', 3)).toBe('x (3 seeds)');
  });

  it('draws unmerged seeds in shades of the group colour, the first in the colour itself', () => {
    const [a, b, c] = chartUnits(order, runs, false);
    expect(a!.style.color).toBe('#0072B2');
    expect(b!.style.color).toBe(seedShade('#0072B2', 1, 2));
    expect(b!.style.color).not.toBe('#0072B2');
    expect(c!.style.color).toBe('#0072B2');
    // A hidden seed keeps its place: the shown one keeps the shade it has in the list.
    const hiddenFirst = { ...runs, a: { ...runs.a, visible: false } };
    expect(chartUnits(order, hiddenFirst, false)[0]!.style.color).toBe(seedShade('#0072B2', 1, 2));
  });

  it('marks imported runs and groups in the legend', () => {
    const imported = {
      a: { ...runs.a, imported: true },
      b: { ...runs.b, imported: true },
      c: { ...runs.c, imported: true },
    };
    expect(chartUnits(['a', 'b', 'c'], imported, true).map((u) => u.label)).toEqual([
      `bn (2 seeds)${IMPORTED_MARK}`,
      `plain${IMPORTED_MARK}`,
    ]);
  });

  it('draws a group as its mean with a min-max band, a single run as its own line', () => {
    const data = {
      a: { trainLoss: series([1, 2], [1, 3]) },
      b: { trainLoss: series([1, 2], [3, 5]) },
      c: { trainLoss: series([1], [7]) },
    };
    const options = {
      metric: 'trainLoss',
      smoothing: 0,
      noisy: true,
      x: 'step',
      spread: 'range',
    } as const;
    const drawing = drawUnits(chartUnits(order, runs, true), data, options);
    expect(drawing.lines.map((l) => l.id)).toEqual(['g', 'c']);
    const mean = drawing.lines[0]!;
    expect(Array.from(mean.ys).slice(0, mean.length)).toEqual([2, 4]);
    const band = drawing.bands[0]!;
    expect(Array.from(band.lows).slice(0, band.length)).toEqual([1, 3]);
    expect(Array.from(band.highs).slice(0, band.length)).toEqual([3, 5]);
    // Unchanged inputs give the very same drawing objects (no recomputation).
    const again = drawUnits(chartUnits(order, runs, true), data, options);
    expect(again.lines[0]).toBe(mean);
    // A new colour is a new drawing.
    const recoloured = { ...runs, a: { ...runs.a, style: { color: '#D55E00', dashed: false } } };
    const red = drawUnits(chartUnits(order, recoloured, true), data, options);
    expect(red.lines[0]?.color).toBe('#D55E00');
    expect(red.bands[0]?.color).toBe('#D55E00');
  });

  it('adds a faint raw line behind each smoothed single run, none unsmoothed or for groups', () => {
    const data = {
      a: { trainLoss: series([1, 2], [1, 3]) },
      b: { trainLoss: series([1, 2], [3, 5]) },
      c: { trainLoss: series([1, 2], [7, 1]) },
    };
    const smoothed = {
      metric: 'trainLoss',
      smoothing: 0.5,
      noisy: true,
      x: 'step',
      spread: 'range',
    } as const;
    const merged = drawUnits(chartUnits(order, runs, true), data, smoothed);
    // The group g (a, b) is drawn as mean and band only; the single run c gets its raw values.
    expect(merged.rawLines.map((l) => l.id)).toEqual([`c${RAW_ID_SUFFIX}`]);
    const raw = merged.rawLines[0]!;
    expect(Array.from(raw.ys).slice(0, raw.length)).toEqual([7, 1]);
    expect(raw.color).toBe(merged.lines[1]?.color);
    expect(Array.from(merged.lines[1]!.ys).slice(0, 2)).not.toEqual([7, 1]);
    // Each seed on its own gets one; nothing when unsmoothed or for a metric never smoothed.
    expect(drawUnits(chartUnits(order, runs, false), data, smoothed).rawLines).toHaveLength(3);
    expect(
      drawUnits(chartUnits(order, runs, false), data, { ...smoothed, smoothing: 0 }).rawLines,
    ).toEqual([]);
    expect(
      drawUnits(chartUnits(order, runs, false), data, { ...smoothed, noisy: false }).rawLines,
    ).toEqual([]);
  });

  it('niceRange widens a range to multiples of a 1-2-5 step', () => {
    expect(niceRange([0.0486, 15.4])).toEqual([0, 20]);
    expect(niceRange([0.23, 0.91])).toEqual([0.2, 1]);
    expect(niceRange([-3.2, 41])).toEqual([-10, 50]);
  });

  it('valueRange spans finite values of every series, and widens a flat one', () => {
    expect(valueRange([series([1, 2], [2, NaN]), undefined, series([1], [-1])])).toEqual([-1, 2]);
    expect(valueRange([series([1], [3])])).toEqual([2.5, 3.5]);
    expect(valueRange([undefined])).toBeUndefined();
  });
});
