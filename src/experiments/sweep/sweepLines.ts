/**
 * The sweep figure's data: every run becomes one number (a summary) at its value of the x
 * setting; runs of the same line (a value of the line setting) at the same x are averaged, with
 * their lowest and highest value as a band. Runs that diverged, stalled or failed are kept as marks
 * at their value (or at the axis edge when they have none), never dropped.
 */
import { normalizationStyle, runStyleAt } from '../runStyles';
import type { RunStyle } from '../types';
import { csvField } from '../../shared/exchange';
import type { MetricId } from '../../shared/metrics';
import { NORMALIZATIONS, type NormalizationName, type RunConfig } from '../../shared/runConfig';
import type { RunStatus } from '../../shared/runStatus';
import { SUMMARIES, type SummaryId, type SummarySeries } from './summaries';
import {
  axisValue,
  lineOf,
  settingValue,
  type AxisSettingId,
  type LineSettingId,
} from './sweepSettings';

/** A run as the figure reads it. */
export interface SweepRun {
  id: string;
  label: string;
  config: RunConfig;
  status: RunStatus;
  series: Partial<Record<MetricId, SummarySeries>>;
}

/** What the figure shows. */
export interface SweepSpec {
  x: AxisSettingId;
  line: LineSettingId;
  summary: SummaryId;
  metric: MetricId;
  parameter: number;
}

/** The runs of one line at one x. */
export interface SweepPoint {
  x: number;
  /** Mean of the runs' finite values; NaN when none has one. */
  mean: number;
  low: number;
  high: number;
  /** Runs with a finite value, of `runs`. */
  counted: number;
  runs: number;
}

/** How a run ended that the figure marks. */
export type MarkKind = 'diverged' | 'stalled' | 'failed';
const MARKED: ReadonlySet<RunStatus> = new Set<RunStatus>(['diverged', 'stalled', 'failed']);

/** A run that did not finish normally, at its value (NaN: drawn at the axis edge). */
interface SweepMark {
  x: number;
  y: number;
  kind: MarkKind;
  runId: string;
  label: string;
}

interface SweepLine {
  key: string;
  name: string;
  style: RunStyle;
  points: SweepPoint[];
  marks: SweepMark[];
}

export interface SweepFigure {
  lines: SweepLine[];
  /** Distinct x values over every line, ascending. */
  xs: number[];
  /** Runs left out: no value of the x setting (NaN), or x <= 0 on a log axis. */
  skipped: number;
}

/** The look of line `index` of a figure split by `line`: normalizations keep their own look. */
function lineStyle(line: LineSettingId, config: RunConfig, index: number): RunStyle {
  if (line === 'model.normalization') {
    const value = settingValue(config, line);
    if (typeof value === 'string' && (NORMALIZATIONS as readonly string[]).includes(value)) {
      return normalizationStyle(value as NormalizationName);
    }
  }
  return runStyleAt(index);
}

/** The figure of `runs` as `spec` asks; `logX` leaves out runs at x <= 0. */
export function sweepFigure(
  runs: readonly SweepRun[],
  spec: SweepSpec,
  logX: boolean,
): SweepFigure {
  const summary = SUMMARIES[spec.summary];
  const lines = new Map<string, { line: SweepLine; at: Map<number, number[]>; count: number }>();
  const xs = new Set<number>();
  let skipped = 0;
  for (const run of runs) {
    const x = axisValue(run.config, spec.x);
    if (!Number.isFinite(x) || (logX && x <= 0)) {
      skipped += 1;
      continue;
    }
    xs.add(x);
    const { key, name } = lineOf(run.config, spec.line);
    let entry = lines.get(key);
    if (!entry) {
      const style = lineStyle(spec.line, run.config, lines.size);
      entry = { line: { key, name, style, points: [], marks: [] }, at: new Map(), count: 0 };
      lines.set(key, entry);
    }
    const y = summary.compute({
      series: run.series[spec.metric],
      all: run.series,
      metric: spec.metric,
      parameter: spec.parameter,
    });
    const values = entry.at.get(x) ?? [];
    values.push(y);
    entry.at.set(x, values);
    if (MARKED.has(run.status)) {
      entry.line.marks.push({
        x,
        y,
        kind: run.status as MarkKind,
        runId: run.id,
        label: run.label,
      });
    }
  }
  for (const { line, at } of lines.values()) {
    line.points = [...at.entries()]
      .sort(([a], [b]) => a - b)
      .map(([x, values]) => pointOf(x, values));
  }
  return {
    lines: [...lines.values()].map((e) => e.line),
    xs: [...xs].sort((a, b) => a - b),
    skipped,
  };
}

/** Mean, lowest and highest of the finite values at one x. */
export function pointOf(x: number, values: readonly number[]): SweepPoint {
  const finite = values.filter(Number.isFinite);
  const mean = finite.length > 0 ? finite.reduce((s, v) => s + v, 0) / finite.length : NaN;
  return {
    x,
    mean,
    low: finite.length > 0 ? Math.min(...finite) : NaN,
    high: finite.length > 0 ? Math.max(...finite) : NaN,
    counted: finite.length,
    runs: values.length,
  };
}

const number = (v: number) => (Number.isFinite(v) ? String(v) : '');

/** The figure as CSV: one line per point (line, x, mean, low, high, runs counted, runs). */
export function sweepCsv(figure: SweepFigure, xName: string, yName: string): string {
  const rows = [
    ['line', xName, `${yName} (mean)`, 'low', 'high', 'runs with a value', 'runs', 'marked']
      .map(csvField)
      .join(','),
  ];
  for (const line of figure.lines) {
    for (const p of line.points) {
      const marked = line.marks
        .filter((m) => m.x === p.x)
        .map((m) => m.kind)
        .join(' ');
      rows.push(
        [
          csvField(line.name),
          number(p.x),
          number(p.mean),
          number(p.low),
          number(p.high),
          String(p.counted),
          String(p.runs),
          marked,
        ].join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

/** Text identifying everything a figure draws (NaN written as null): equal text, equal drawing. */
export const figureKey = (figure: SweepFigure): string => JSON.stringify(figure);
