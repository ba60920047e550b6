/**
 * The JSON format runs leave and enter the app in (export, import, the command line's output):
 * configs, statuses and every metric series. Versioned and validated with zod wherever it enters;
 * NaN (a diverged loss) is written as null, since JSON has no NaN.
 */
import { z } from './zod';
import { BACKENDS } from './backends';
import { METRIC_IDS, type MetricId } from './metrics';
import { runConfigSchema } from './runConfig';
import { RUN_STATUSES } from './runStatus';
import type { RunRecord } from './runRecord';
import type { SeriesLike } from './seriesPoints';

export const EXCHANGE_FORMAT = 'bnlab-runs';
/** Bumped whenever a field changes meaning; importers say which versions they read. */
export const EXCHANGE_VERSION = 1;

/** Limits an import must respect (a hostile or broken file cannot exhaust the page). */
export const IMPORT_LIMITS = {
  /** Runs per file. */
  maxRuns: 200,
  /** Points per series. */
  maxPoints: 200_000,
  /** Points over all series of the file. */
  maxTotalPoints: 5_000_000,
  /** Characters of a run's name. */
  maxLabel: 80,
  /** Characters of ids and experiment names. */
  maxId: 120,
  /** Characters of the reason a run stopped. */
  maxMessage: 2000,
} as const;

const id = z.string().min(1).max(IMPORT_LIMITS.maxId);
/** A number, or null standing for NaN. */
const numberOrNaN = z.union([z.number(), z.null()]);

const seriesExportSchema = z
  .object({
    steps: z.array(z.number().int().min(0)).max(IMPORT_LIMITS.maxPoints),
    /** Milliseconds since the run started, per point. */
    times: z.array(z.number().min(0)).max(IMPORT_LIMITS.maxPoints),
    values: z.array(numberOrNaN).max(IMPORT_LIMITS.maxPoints),
  })
  .refine((s) => s.steps.length === s.times.length && s.steps.length === s.values.length, {
    message: 'steps, times and values must have the same length',
  });

const runExportSchema = z.object({
  id,
  label: z.string().max(1000),
  config: runConfigSchema,
  status: z.enum(RUN_STATUSES),
  /** Why it stopped, diverged, stalled or failed, in words; absent from files of older versions. */
  message: z.string().max(IMPORT_LIMITS.maxMessage).nullable().optional(),
  /** Steps finished. */
  step: z.number().int().min(0),
  backend: z.enum(BACKENDS).nullable(),
  /** The article experiment that launched it, or "lab". */
  experimentId: id,
  /** Runs that differ only in seed share a group. */
  group: id,
  style: z.object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/), dashed: z.boolean() }),
  series: z.partialRecord(z.enum(METRIC_IDS as [MetricId, ...MetricId[]]), seriesExportSchema),
});

export const exchangeSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  version: z.literal(EXCHANGE_VERSION),
  /** ISO 8601 time of the export. */
  exportedAt: z.string().max(40),
  /** What wrote it ("BatchNorm Lab 0.1.0 (browser)", "bnlab CLI 0.1.0"). */
  producer: z.string().max(200),
  runs: z.array(runExportSchema).max(IMPORT_LIMITS.maxRuns),
});

export type SeriesExport = z.infer<typeof seriesExportSchema>;
export type RunExport = z.infer<typeof runExportSchema>;
export type Exchange = z.infer<typeof exchangeSchema>;

/** A run as an exporter sees it. */
export interface RunForExport extends RunRecord {
  id: string;
  style: RunExport['style'];
  series: Partial<Record<MetricId, SeriesLike>>;
}

const take = (a: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => a[i] ?? NaN);
/** Float32 values written with the 9 significant digits that read back to the same float32. */
const float32Text = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(9)) : null);
/** Times to a tenth of a millisecond. */
const msText = (v: number) => Math.round(v * 10) / 10;

/** The exchange document of `runs`, ready for JSON.stringify (NaN as null). */
export function toExchange(runs: readonly RunForExport[], producer: string, now: Date): Exchange {
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    exportedAt: now.toISOString(),
    producer,
    runs: runs.map((run) => ({
      id: run.id,
      label: run.label,
      config: run.config,
      status: run.status,
      message: run.message,
      step: run.step,
      backend: run.backend,
      experimentId: run.experimentId,
      group: run.group,
      style: run.style,
      series: Object.fromEntries(
        Object.entries(run.series).map(([metric, s]) => [
          metric,
          {
            steps: take(s.steps, s.length),
            times: take(s.times, s.length).map(msText),
            values: take(s.values, s.length).map(float32Text),
          },
        ]),
      ),
    })),
  };
}

/** Quote a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Metrics in long format, one line per point: run, label, status, reason (why it stopped, empty
 * when it did not), step, time_ms, metric, value.
 */
export function toCsv(runs: readonly RunForExport[]): string {
  const lines = ['run,label,status,reason,step,time_ms,metric,value'];
  for (const run of runs) {
    const who = [run.id, run.label, run.status, run.message ?? ''].map(csvField).join(',');
    for (const [metric, s] of Object.entries(run.series)) {
      for (let i = 0; i < s.length; i++) {
        const v = s.values[i] ?? NaN;
        lines.push(
          `${who},${s.steps[i] ?? ''},${s.times[i] ?? ''},${metric},${Number.isFinite(v) ? v : 'NaN'}`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
