/**
 * One number per run for the sweep figure: a summary of a metric's series (its final value, its
 * best, its mean over the last steps, the step it first reached a level) or of the run's dead
 * ReLUs (the fraction of its steps spent stalled). Pure functions on (steps, values) series.
 */
import { METRICS, type MetricId } from '../../shared/metrics';
import type { SeriesLike } from '../../shared/seriesPoints';
import { STALL_DEAD_FRACTION } from '../../shared/stall';

/** A metric series as the store keeps it: the first `length` entries are points. */
export type SummarySeries = Pick<SeriesLike, 'steps' | 'values' | 'length'>;

/** What a summary reads of one run. */
interface SummaryInput {
  /** The chosen metric's series, or undefined when the run did not record it. */
  series: SummarySeries | undefined;
  /** Every series of the run (the stalled fraction reads the dead-ReLU ones). */
  all: Partial<Record<MetricId, SummarySeries>>;
  metric: MetricId;
  /** The summary's parameter (steps for "mean of last", a level for "steps to reach"). */
  parameter: number;
}

export interface SummaryInfo {
  label: string;
  /** The parameter's name and default, for summaries that take one. */
  parameter?: { label: string; defaultValue: number; min: number; max: number };
  /** Whether it summarizes the chosen metric (else it reads the run's own series). */
  usesMetric: boolean;
  /** Axis label of the y axis for `metric`. */
  axisLabel: (metric: MetricId, parameter: number) => string;
  /** Whether its values are fractions in [0, 1] for `metric` (drawn in percent). */
  isFraction: (metric: MetricId) => boolean;
  /** The run's number, NaN when it has none (no finite point, level never reached). */
  compute: (input: SummaryInput) => number;
}

/** Default window of "mean over the last N steps", steps. */
const DEFAULT_LAST_STEPS = 50;
/** Default level of "steps to reach", a fraction (90%) or the metric's own unit. */
const DEFAULT_LEVEL = 0.9;
/** Dead-ReLU series of each conv block, read by the stalled fraction. */
const DEAD_METRICS: readonly MetricId[] = ['deadConv1', 'deadConv2'];

/** The value of the last finite point, NaN when there is none. */
export function finalValue(series: SummarySeries | undefined): number {
  if (!series) return NaN;
  for (let i = series.length - 1; i >= 0; i--) {
    const v = series.values[i] as number;
    if (Number.isFinite(v)) return v;
  }
  return NaN;
}

/** The largest (or smallest) finite value, NaN when there is none. */
export function bestValue(series: SummarySeries | undefined, higherIsBetter: boolean): number {
  if (!series) return NaN;
  let best = NaN;
  for (let i = 0; i < series.length; i++) {
    const v = series.values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(best) || (higherIsBetter ? v > best : v < best)) best = v;
  }
  return best;
}

/**
 * Mean of the finite values recorded in the last `steps` steps of the series (steps after the last
 * point's step minus `steps`); NaN when there is none.
 */
export function meanOfLast(series: SummarySeries | undefined, steps: number): number {
  if (!series || series.length === 0) return NaN;
  const after = (series.steps[series.length - 1] as number) - steps;
  let sum = 0;
  let count = 0;
  for (let i = series.length - 1; i >= 0 && (series.steps[i] as number) > after; i--) {
    const v = series.values[i] as number;
    if (!Number.isFinite(v)) continue;
    sum += v;
    count += 1;
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * The first step whose value reaches `level` (at or above it when higher is better, at or below
 * otherwise); NaN when it never does.
 */
export function stepsToReach(
  series: SummarySeries | undefined,
  level: number,
  higherIsBetter: boolean,
): number {
  if (!series) return NaN;
  for (let i = 0; i < series.length; i++) {
    const v = series.values[i] as number;
    if (higherIsBetter ? v >= level : v <= level) return series.steps[i] as number;
  }
  return NaN;
}

/**
 * Fraction of the run's recorded steps at which some conv block had at least STALL_DEAD_FRACTION
 * of its channels dead; NaN when it recorded no dead-ReLU point (the deep linear net has none).
 */
export function stalledFraction(all: Partial<Record<MetricId, SummarySeries>>): number {
  const stalled = new Set<number>();
  const seen = new Set<number>();
  for (const metric of DEAD_METRICS) {
    const series = all[metric];
    if (!series) continue;
    for (let i = 0; i < series.length; i++) {
      const step = series.steps[i] as number;
      seen.add(step);
      if ((series.values[i] as number) >= STALL_DEAD_FRACTION) stalled.add(step);
    }
  }
  return seen.size > 0 ? stalled.size / seen.size : NaN;
}

const higher = (metric: MetricId) => METRICS[metric].higherIsBetter === true;
const isProbability = (metric: MetricId) => METRICS[metric].kind === 'probability';
const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

const SUMMARY_TABLE = {
  final: {
    label: 'final value',
    usesMetric: true,
    axisLabel: (metric) => `final ${METRICS[metric].label.toLowerCase()}`,
    isFraction: isProbability,
    compute: ({ series }) => finalValue(series),
  },
  best: {
    label: 'best value',
    usesMetric: true,
    axisLabel: (metric) => `best ${METRICS[metric].label.toLowerCase()}`,
    isFraction: isProbability,
    compute: ({ series, metric }) => bestValue(series, higher(metric)),
  },
  meanOfLast: {
    label: 'mean over the last N steps',
    parameter: { label: 'N steps', defaultValue: DEFAULT_LAST_STEPS, min: 1, max: 1_000_000 },
    usesMetric: true,
    axisLabel: (metric, steps) => `${METRICS[metric].label.toLowerCase()}, mean of last ${steps}`,
    isFraction: isProbability,
    compute: ({ series, parameter }) => meanOfLast(series, parameter),
  },
  stepsToReach: {
    label: 'steps to reach a level',
    parameter: { label: 'level', defaultValue: DEFAULT_LEVEL, min: -1e9, max: 1e9 },
    usesMetric: true,
    axisLabel: (metric, level) =>
      `steps to ${METRICS[metric].label.toLowerCase()} ${higher(metric) ? '≥' : '≤'} ${
        isProbability(metric) ? percent(level) : level
      }`,
    isFraction: () => false,
    compute: ({ series, metric, parameter }) => stepsToReach(series, parameter, higher(metric)),
  },
  stalled: {
    label: 'fraction of steps stalled',
    usesMetric: false,
    axisLabel: () => `steps with ≥ ${percent(STALL_DEAD_FRACTION)} of a conv layer dead`,
    isFraction: () => true,
    compute: ({ all }) => stalledFraction(all),
  },
} as const satisfies Record<string, SummaryInfo>;

export type SummaryId = keyof typeof SUMMARY_TABLE;
/** Every summary the sweep figure offers, in menu order. */
export const SUMMARIES: Record<SummaryId, SummaryInfo> = SUMMARY_TABLE;
export const SUMMARY_IDS = Object.keys(SUMMARIES) as SummaryId[];

/** Whether `id` names a summary (for values read from a URL or a menu). */
export const isSummaryId = (id: string): id is SummaryId => Object.hasOwn(SUMMARIES, id);
