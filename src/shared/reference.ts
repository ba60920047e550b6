/**
 * Reference results shipped with the app (`public/references/<experimentId>.json`, written by
 * `npm run references`): each article experiment's runs at its default settings over a few seeds,
 * as the across-seed mean, min and max of every charted metric. One zod schema for the writer and
 * the page that draws them.
 */
import { z } from './zod';
import { BACKENDS } from './backends';
import { DEFAULT_DATASET, isDatasetId, type DatasetId } from './datasets';
import { METRIC_IDS, type MetricId } from './metrics';
import { PLACEMENTS, runConfigSchema, type RunConfig } from './runConfig';
import { RUN_STATUSES } from './runStatus';

export const REFERENCE_FORMAT = 'bnlab-reference';
/**
 * Bumped whenever a field changes meaning (2: per-seed summaries, a 20-step fingerprint; 3: the
 * settings list the learning rates).
 */
export const REFERENCE_VERSION = 3;
/** Seeds each run is trained with: the run's seed, +1, +2. */
export const REFERENCE_SEEDS = 3;
/** Points per stored series at most (longer series are averaged over consecutive steps). */
export const REFERENCE_MAX_POINTS = 120;
/** Significant digits of stored values. */
export const REFERENCE_DIGITS = 4;
/**
 * Training losses of each run's first seed kept exactly (float32 values, wasm), for the drift
 * test: any change to the engine's numerics changes them within a few steps.
 */
export const REFERENCE_PREFIX_STEPS = 20;
/** "Early in training": per-seed means over the points at or before this step. */
export const REFERENCE_EARLY_STEPS = 100;
/** Folder of the files, under the app's base URL and in `public/`. */
export const REFERENCE_FOLDER = 'references';

/**
 * Where the reference of an experiment on a dataset lives, relative to the app's base URL:
 * `does-bn-work.json` on MNIST (the files from before the choice), `does-bn-work@fashion-mnist.json`
 * on another dataset.
 */
export const referencePath = (experimentId: string, dataset: DatasetId = DEFAULT_DATASET) =>
  `${REFERENCE_FOLDER}/${experimentId}${dataset === DEFAULT_DATASET ? '' : `@${dataset}`}.json`;

/** A run's configuration without its seed (the seeds are listed beside it). */
export type SeedlessConfig = Omit<RunConfig, 'seed'>;

const MAX_ID = 120;
const id = z.string().min(1).max(MAX_ID);
const finite = z.number();

/** A RunConfig less its seed, validated by the run-config schema itself (seed 0 stands in). */
const seedlessConfigSchema = z.unknown().transform((value, ctx): SeedlessConfig => {
  const record = typeof value === 'object' && value !== null ? value : {};
  if ('seed' in record) {
    ctx.addIssue({ code: 'custom', message: 'the config is stored without its seed' });
    return z.NEVER;
  }
  const parsed = runConfigSchema.safeParse({ ...record, seed: 0 });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  }
  const { seed: _, ...config } = parsed.data;
  return config;
});

/** The form's settings the runs were planned with (src/experiments/types.ts, ExperimentSettings). */
const referenceSettingsSchema = z.object({
  /** Training steps per run. */
  steps: z.number().int().min(1),
  /** Initial BN gamma. */
  gammaInit: finite,
  placement: z.enum(PLACEMENTS),
  /** The images the runs trained on (files written before the choice existed: MNIST). */
  dataset: z.custom<DatasetId>(isDatasetId).default(DEFAULT_DATASET),
  /** The first seed; the others follow it. */
  seed: z.number().int().min(0),
  /** Test accuracy every this many steps. */
  evalEvery: z.number().int().min(1),
  /** SGD learning rates, one comparison panel each. */
  learningRates: z.array(z.number().positive()).min(1),
});

/**
 * One metric over the seeds. Each point summarizes `stride` consecutive recorded steps (1 when
 * the series has at most REFERENCE_MAX_POINTS points): `steps` is their mean step; each seed's
 * values are averaged over them, then `mean`, `min` and `max` are taken over the seeds that
 * recorded any. Non-finite values (a diverged loss) are left out.
 */
export const referenceSeriesSchema = z
  .object({
    /** Recorded steps averaged into each point. */
    stride: z.number().int().min(1),
    steps: z.array(finite).max(REFERENCE_MAX_POINTS),
    mean: z.array(finite).max(REFERENCE_MAX_POINTS),
    min: z.array(finite).max(REFERENCE_MAX_POINTS),
    max: z.array(finite).max(REFERENCE_MAX_POINTS),
  })
  .refine(
    (s) =>
      s.mean.length === s.steps.length &&
      s.min.length === s.steps.length &&
      s.max.length === s.steps.length,
    { message: 'steps, mean, min and max must have the same length' },
  )
  .refine((s) => s.steps.every((x, i) => i === 0 || x > (s.steps[i - 1] as number)), {
    message: 'steps must increase',
  });

/** A number per metric. */
const perMetric = z.partialRecord(z.enum(METRIC_IDS as [MetricId, ...MetricId[]]), finite);

/** How one seed's run ended, and what it measured on average: what verdicts are computed from. */
const referenceOutcomeSchema = z.object({
  seed: z.number().int().min(0),
  status: z.enum(RUN_STATUSES),
  /** Steps it finished. */
  steps: z.number().int().min(0),
  /** Why it stalled or diverged, as the run list shows it. */
  message: z.string().max(400).optional(),
  /** Test accuracy at its last evaluation, or null without one. */
  finalTestAccuracy: finite.nullable(),
  /** Per kept metric, the mean of the seed's finite values over the whole run. */
  means: perMetric,
  /** The same over the points at or before REFERENCE_EARLY_STEPS. */
  earlyMeans: perMetric,
});

const referenceRunSchema = z
  .object({
    /** The plan's key within the experiment, e.g. "batchnorm-lr0.5". */
    key: id,
    label: z.string().max(200),
    /** The comparison panel that draws it. */
    panel: id,
    style: z.object({ color: z.string().regex(/^#[0-9a-fA-F]{6}$/), dashed: z.boolean() }),
    config: seedlessConfigSchema,
    /** Seeds trained, in order. */
    seeds: z.array(z.number().int().min(0)).min(1),
    outcomes: z.array(referenceOutcomeSchema),
    /** Exact training losses of the first seed's first steps, as the engine computed them (wasm). */
    firstLosses: z.array(finite).max(REFERENCE_PREFIX_STEPS),
    series: z.partialRecord(z.enum(METRIC_IDS as [MetricId, ...MetricId[]]), referenceSeriesSchema),
  })
  .refine((r) => r.outcomes.length === r.seeds.length, {
    message: 'one outcome per seed',
    path: ['outcomes'],
  });

const referenceSchema = z.object({
  format: z.literal(REFERENCE_FORMAT),
  version: z.literal(REFERENCE_VERSION),
  experimentId: id,
  settings: referenceSettingsSchema,
  /** Version of the engine (the package) that trained the runs. */
  engineVersion: z.string().min(1).max(40),
  backend: z.enum(BACKENDS),
  /** ISO 8601 time the file was written. */
  date: z.string().max(40),
  runs: z.array(referenceRunSchema).min(1),
});

export type ReferenceSeries = z.infer<typeof referenceSeriesSchema>;
export type ReferenceOutcome = z.infer<typeof referenceOutcomeSchema>;
export type ReferenceRun = z.infer<typeof referenceRunSchema>;
export type Reference = z.infer<typeof referenceSchema>;
/** A reference as written, before validation (the config is the seedless RunConfig). */
export type ReferenceInput = z.input<typeof referenceSchema>;

/** The reference in `value` (parsed JSON), or the first problem with it as text. */
export function readReference(
  value: unknown,
): { ok: true; reference: Reference } | { ok: false; error: string } {
  const parsed = referenceSchema.safeParse(value);
  if (parsed.success) return { ok: true, reference: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `${issue?.path.join('.') || 'reference'}: ${issue?.message ?? 'invalid'}`,
  };
}
