/**
 * A panel's reference curves for one metric as chart props: per reference run, its across-seed
 * mean as a reference line and its min-max as a faint band, in the run's colour, smoothed like the
 * live lines when the metric is noisy.
 */
import type { ChartBand, ChartLine } from '../charts/types';
import { emaSmoothSpaced } from '../charts/smoothing';
import type { BackendName } from '../../shared/backends';
import type { MetricId } from '../../shared/metrics';
import type { ReferenceRun } from '../../shared/reference';

/** Fill opacity of a reference's min-max band: fainter than a seed group's. */
export const REFERENCE_BAND_OPACITY = 0.08;

/** The reference runs a panel draws and the backend they were trained on. */
export interface PanelReference {
  runs: readonly ReferenceRun[];
  backend: BackendName;
}

/** "CNN + BN, LR 0.5 · reference (3 seeds, wasm)". */
export const referenceLabel = (run: ReferenceRun, backend: BackendName) =>
  `${run.label} · reference (${run.seeds.length} seed${run.seeds.length === 1 ? '' : 's'}, ${backend})`;

/** The chart id of a reference run's line and band (no live run id has a colon). */
const referenceId = (run: ReferenceRun) => `reference:${run.key}`;

/**
 * Lines and bands of `metric` for the panel's reference runs (runs without the metric draw
 * nothing); `smoothing` > 0 applies the EMA to the mean and both edges, weighted by step gaps.
 */
export function referenceChartData(
  reference: PanelReference,
  metric: MetricId,
  smoothing: number,
): { lines: ChartLine[]; bands: ChartBand[] } {
  const lines: ChartLine[] = [];
  const bands: ChartBand[] = [];
  for (const run of reference.runs) {
    const series = run.series[metric];
    if (!series || series.steps.length === 0) continue;
    const { steps } = series;
    const length = steps.length;
    const smooth = (values: number[]) =>
      smoothing > 0 ? emaSmoothSpaced(steps, values, length, smoothing) : values;
    const id = referenceId(run);
    lines.push({
      id,
      label: referenceLabel(run, reference.backend),
      color: run.style.color,
      reference: true,
      xs: steps,
      ys: smooth(series.mean),
      length,
    });
    bands.push({
      id,
      color: run.style.color,
      xs: steps,
      lows: smooth(series.min),
      highs: smooth(series.max),
      length,
      opacity: REFERENCE_BAND_OPACITY,
    });
  }
  return { lines, bands };
}
