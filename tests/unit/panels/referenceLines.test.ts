import { describe, expect, it } from 'vitest';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { isItIcs } from '../../../src/experiments/isItIcs';
import {
  REFERENCE_BAND_OPACITY,
  referenceChartData,
  referenceLabel,
} from '../../../src/page/panels/referenceLines';
import { matchingReferenceRuns } from '../../../src/page/panels/referenceRuns';
import { seedlessKey } from '../../../src/shared/seedlessKey';
import { fakeReference } from '../support/fakeReference';

const reference = fakeReference(doesBnWork);
const panel = (id: string) => ({
  runs: reference.runs.filter((r) => r.panel === id),
  backend: reference.backend,
});

describe('referenceChartData', () => {
  it('gives each run its mean as a reference line and its min-max as a faint band', () => {
    const { lines, bands } = referenceChartData(panel('lr-0.5'), 'testAccuracy', 0);
    expect(lines.map((l) => l.label)).toEqual([
      'CNN, LR 0.5 · reference (3 seeds, wasm)',
      'CNN + BN, LR 0.5 · reference (3 seeds, wasm)',
    ]);
    const [plain] = reference.runs.filter((r) => r.key === 'none-lr0.5');
    const series = plain!.series.testAccuracy!;
    expect(lines[0]).toMatchObject({ reference: true, color: '#D55E00', length: 5 });
    expect(Array.from(lines[0]!.ys)).toEqual(series.mean);
    expect(Array.from(lines[0]!.xs)).toEqual(series.steps);
    expect(bands[0]).toMatchObject({ color: '#D55E00', opacity: REFERENCE_BAND_OPACITY });
    expect(Array.from(bands[0]!.lows)).toEqual(series.min);
    expect(Array.from(bands[0]!.highs)).toEqual(series.max);
    expect(new Set([...lines, ...bands].map((x) => x.id)).size).toBe(2);
  });

  it('smooths the mean and both edges when asked (noisy metrics), by step gaps', () => {
    const raw = referenceChartData(panel('lr-0.1'), 'trainLoss', 0);
    const smooth = referenceChartData(panel('lr-0.1'), 'trainLoss', 0.9);
    const rawYs = Array.from(raw.lines[0]!.ys);
    const ys = Array.from(smooth.lines[0]!.ys);
    expect(ys[0]).toBeCloseTo(rawYs[0]!, 12);
    // A rising series smoothed lags below itself.
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeLessThan(rawYs[i]!);
    expect(Array.from(smooth.bands[0]!.lows)[4]).toBeLessThan(Array.from(raw.bands[0]!.lows)[4]!);
  });

  it('draws nothing for a metric a run does not have', () => {
    const ics = fakeReference(isItIcs);
    const runs = ics.runs.map((r) =>
      r.key === 'noisy-batchnorm'
        ? r
        : { ...r, series: { ...r.series, meanShiftClean2: undefined } },
    );
    const { lines } = referenceChartData({ runs, backend: 'wasm' }, 'meanShiftClean2', 0);
    expect(lines.map((l) => l.label)).toEqual(['CNN + noisy BN · reference (3 seeds, wasm)']);
  });

  it('labels one seed in the singular', () => {
    const run = { ...reference.runs[0]!, seeds: [4] };
    expect(referenceLabel(run, 'cpu')).toBe('CNN, LR 0.1 · reference (1 seed, cpu)');
  });
});

describe('matchingReferenceRuns', () => {
  const planned = (steps: number, seed = 1) =>
    doesBnWork.plan({ ...doesBnWork.defaults, steps, seed }).map((p) => p.config);

  it('matches runs of the same config whatever their seed or key order', () => {
    expect(matchingReferenceRuns(reference, planned(300, 7)).map((r) => r.key)).toEqual(
      reference.runs.map((r) => r.key),
    );
    const [first] = planned(300);
    const reordered = Object.fromEntries(Object.entries(first!).reverse()) as typeof first;
    expect(seedlessKey(reordered!)).toBe(seedlessKey(first!));
    expect(matchingReferenceRuns(reference, [reordered!]).map((r) => r.key)).toEqual([
      'none-lr0.1',
    ]);
  });

  it('matches nothing at other settings', () => {
    expect(matchingReferenceRuns(reference, planned(60))).toEqual([]);
    expect(matchingReferenceRuns(reference, [])).toEqual([]);
  });
});
