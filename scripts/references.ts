/**
 * `npm run references`: trains every run of every article experiment at the experiment's default
 * settings, REFERENCE_SEEDS seeds each, on the wasm backend in the CLI's worker threads (the same
 * pool and engine as `bnlab run`), and writes one reference file per experiment to
 * public/references/<experimentId>.json (src/shared/reference.ts), which the article draws before
 * anything is trained; with `--dataset fashion-mnist`, every experiment that trains on images, on
 * that dataset, to <experimentId>@fashion-mnist.json. Prints each file's size and the total.
 * Usage: npm run references [-- --workers 2 --only does-bn-work,deep-linear --out public
 *   --dataset fashion-mnist]
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDatasetsShared } from '../src/cli/sharedDatasets.ts';
import {
  SHIPPED_DATASETS,
  DEFAULT_DATASET,
  type ShippedDatasetId,
} from '../src/shared/datasets.ts';
import type { RunPlan } from '../src/cli/plan.ts';
import { TrainingPool } from '../src/cli/pool.ts';
import { ProgressView } from '../src/cli/progress.ts';
import type { CliBackend } from '../src/cli/protocol.ts';
import { RunBook } from '../src/cli/runBook.ts';
import { CLI_VERSION } from '../src/cli/version.ts';
import { EXPERIMENT_LIST } from '../src/experiments/registry.ts';
import type { Experiment, ExperimentSettings, PlannedRun } from '../src/experiments/types.ts';
import type { RunExport, SeriesExport } from '../src/shared/exchange.ts';
import { METRICS, type MetricId } from '../src/shared/metrics.ts';
import {
  readReference,
  REFERENCE_FOLDER,
  REFERENCE_DIGITS,
  REFERENCE_EARLY_STEPS,
  REFERENCE_FORMAT,
  REFERENCE_PREFIX_STEPS,
  REFERENCE_SEEDS,
  REFERENCE_VERSION,
  referencePath,
  type ReferenceInput,
  type ReferenceOutcome,
  type ReferenceSeries,
} from '../src/shared/reference.ts';
import { summarizeSeeds } from './references/referenceSeries.ts';
import type { RunConfig } from '../src/shared/runConfig.ts';

/** The backend every reference is trained on (the one the app most often picks without a GPU). */
const BACKEND: CliBackend = 'wasm';
/** Where the files go by default: served by the app under its base URL. */
const DEFAULT_OUT = 'public';
const KIB = 1024;

const { values: args } = parseArgs({
  options: {
    /** Worker threads (default: one per CPU core). */
    workers: { type: 'string', default: String(availableParallelism()) },
    /** Comma-separated experiment ids (default: every experiment). */
    only: { type: 'string' },
    /** Folder the references/ folder is written under. */
    out: { type: 'string', default: DEFAULT_OUT },
    /** The dataset every run trains on (each dataset has its own files). */
    dataset: { type: 'string', default: DEFAULT_DATASET },
  },
});

const workers = Number(args.workers);
if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers: a whole number >= 1');
if (!SHIPPED_DATASETS.includes(args.dataset as ShippedDatasetId)) {
  throw new Error(`--dataset: one of ${SHIPPED_DATASETS.join(', ')}`);
}
const dataset = args.dataset as ShippedDatasetId;
const only = args.only?.split(',').map((s) => s.trim());
/** On another dataset than the default, only the experiments that train on images. */
const onDataset = (e: Experiment) =>
  dataset === DEFAULT_DATASET || !e.hiddenSettings?.includes('dataset');
const experiments = EXPERIMENT_LIST.filter((e) => (!only || only.includes(e.id)) && onDataset(e));
if (only && experiments.length !== only.length) {
  const known = EXPERIMENT_LIST.map((e) => e.id).join(', ');
  throw new Error(
    `--only: unknown experiment, or one that trains no images, among ${args.only} (known: ${known})`,
  );
}

/** An experiment's default settings on the chosen dataset: what its reference is trained with. */
const settingsOf = (experiment: Experiment): ExperimentSettings => ({
  ...experiment.defaults,
  dataset,
});

/** One planned run of one experiment, trained with each of its seeds. */
interface RunGroup {
  experiment: Experiment;
  planned: PlannedRun;
  /** Pool ids of its seeds' runs, in seed order. */
  ids: string[];
}

const seedless = ({ seed: _, ...rest }: RunConfig) => rest;

/** Every experiment's runs at its defaults, each seed a plan of its own for the pool. */
function planAll(): { plans: RunPlan[]; groups: RunGroup[] } {
  const plans: RunPlan[] = [];
  const groups: RunGroup[] = [];
  for (const experiment of experiments) {
    const bySeed = Array.from({ length: REFERENCE_SEEDS }, (_, i) =>
      experiment.plan({ ...settingsOf(experiment), seed: experiment.defaults.seed + i }),
    );
    for (const [index, planned] of (bySeed[0] ?? []).entries()) {
      const group: RunGroup = { experiment, planned, ids: [] };
      for (const seedPlans of bySeed) {
        const run = seedPlans[index];
        if (!run || run.key !== planned.key)
          throw new Error(`${experiment.id}: plans differ by seed`);
        if (JSON.stringify(seedless(run.config)) !== JSON.stringify(seedless(planned.config))) {
          throw new Error(`${experiment.id}/${run.key}: the seed changes more than the seed`);
        }
        const id = `${experiment.id}/${run.key}/seed-${run.config.seed}`;
        group.ids.push(id);
        plans.push({
          id,
          label: `${experiment.id} ${run.label} · seed ${run.config.seed}`,
          config: run.config,
          group: `${experiment.id}/${run.key}`,
          style: run.style,
        });
      }
      groups.push(group);
    }
  }
  return { plans, groups };
}

/** Metrics a reference keeps: what the experiment charts, less timings (they measure the machine). */
const keptMetrics = (experiment: Experiment): MetricId[] =>
  experiment.metrics.filter((m) => METRICS[m].kind !== 'cost');

/** Mean of the finite values among `values` at steps <= `until`; null when there are none. */
function finiteMean(steps: readonly number[], values: readonly number[], until = Infinity) {
  let sum = 0;
  let count = 0;
  values.forEach((v, i) => {
    if ((steps[i] ?? Infinity) <= until && Number.isFinite(v)) {
      sum += v;
      count += 1;
    }
  });
  return count > 0 ? sum / count : null;
}

/** How one seed's run ended and its per-metric means (timings left out: they measure the machine). */
function outcomeOf(run: RunExport, message: string | undefined): ReferenceOutcome {
  const means: Partial<Record<MetricId, number>> = {};
  const earlyMeans: Partial<Record<MetricId, number>> = {};
  for (const [metric, series] of Object.entries(run.series) as [
    MetricId,
    SeriesExport | undefined,
  ][]) {
    if (!series || METRICS[metric].kind === 'cost') continue;
    const values = series.values.map((v) => v ?? NaN);
    const all = finiteMean(series.steps, values);
    const early = finiteMean(series.steps, values, REFERENCE_EARLY_STEPS);
    if (all !== null) means[metric] = roundTo(all);
    if (early !== null) earlyMeans[metric] = roundTo(early);
  }
  const test = run.series.testAccuracy?.values ?? [];
  return {
    seed: run.config.seed,
    status: run.status,
    steps: run.step,
    ...(message ? { message } : {}),
    finalTestAccuracy: test.length > 0 ? (test[test.length - 1] ?? null) : null,
    means,
    earlyMeans,
  };
}

/** A mean as stored: REFERENCE_DIGITS + 2 significant digits (verdicts compare them closely). */
const roundTo = (x: number) => Number(x.toPrecision(REFERENCE_DIGITS + 2));

/** The reference document of one experiment from its trained runs. */
function referenceOf(
  experiment: Experiment,
  groups: readonly RunGroup[],
  runs: ReadonlyMap<string, RunExport>,
  messages: ReadonlyMap<string, string>,
  date: Date,
): ReferenceInput {
  return {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    experimentId: experiment.id,
    settings: settingsOf(experiment),
    engineVersion: CLI_VERSION,
    backend: BACKEND,
    date: date.toISOString(),
    runs: groups.map(({ planned, ids }) => {
      const trained = ids.map((id) => {
        const run = runs.get(id);
        if (!run) throw new Error(`${id}: no result`);
        return run;
      });
      const series: Partial<Record<MetricId, ReferenceSeries>> = {};
      for (const metric of keptMetrics(experiment)) {
        const summary = summarizeSeeds(
          trained.flatMap((run) => {
            const s = run.series[metric];
            return s ? [{ steps: s.steps, values: s.values, length: s.steps.length }] : [];
          }),
        );
        if (summary) series[metric] = summary;
      }
      const firstLosses = (trained[0]?.series.trainLoss?.values ?? []).slice(
        0,
        REFERENCE_PREFIX_STEPS,
      );
      return {
        key: planned.key,
        label: planned.label,
        panel: planned.panel,
        style: planned.style,
        config: seedless(planned.config),
        seeds: trained.map((run) => run.config.seed),
        outcomes: trained.map((run) => outcomeOf(run, messages.get(run.id))),
        firstLosses: firstLosses.map((v) => v ?? NaN),
        series,
      };
    }),
  };
}

/** Write `text` to `path` through a temporary file, so a reader never sees half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

async function main(): Promise<number> {
  const started = performance.now();
  const { plans, groups } = planAll();
  const datasets = loadDatasetsShared([DEFAULT_DATASET, dataset]);
  const book = new RunBook(plans, BACKEND, () => performance.now());
  const view = new ProgressView(process.stderr, book);
  const pool = new TrainingPool(plans, { workers, backend: BACKEND, datasets }, (event) =>
    view.update(book.apply(event)),
  );
  view.log(
    `references: ${plans.length} runs (${experiments.length} experiments x runs x ` +
      `${REFERENCE_SEEDS} seeds) on ${pool.size} ${BACKEND} workers`,
  );
  await pool.done;
  book.stopUnfinished('not trained');
  view.finish();
  const seconds = (performance.now() - started) / 1000;

  const failed = book.runs.filter((r) => r.status === 'failed' || r.status === 'stopped');
  if (failed.length > 0) {
    for (const run of failed) {
      console.error(`references: ${run.plan.id} ${run.status}: ${run.message ?? ''}`);
    }
    console.error('references: nothing written');
    return 1;
  }

  const now = new Date();
  const runs = new Map(book.toExchange(now).runs.map((run) => [run.id, run]));
  const messages = new Map(
    book.runs.flatMap((run) => (run.message ? [[run.plan.id, run.message] as const] : [])),
  );
  mkdirSync(join(args.out, REFERENCE_FOLDER), { recursive: true });
  let total = 0;
  for (const experiment of experiments) {
    const document = referenceOf(
      experiment,
      groups.filter((g) => g.experiment === experiment),
      runs,
      messages,
      now,
    );
    const check = readReference(JSON.parse(JSON.stringify(document)));
    if (!check.ok) throw new Error(`${experiment.id}: the reference is invalid: ${check.error}`);
    const text = `${JSON.stringify(document)}\n`;
    const path = join(args.out, referencePath(experiment.id, dataset));
    writeAtomically(path, text);
    const bytes = Buffer.byteLength(text);
    total += bytes;
    const outcomes = document.runs
      .map(
        (r) =>
          `${r.key} ${r.outcomes.map((o) => (o.status === 'completed' ? 'ok' : o.status)).join('/')}`,
      )
      .join(', ');
    console.log(`${path}: ${(bytes / KIB).toFixed(1)} KiB (${outcomes})`);
  }
  console.log(
    `references: ${experiments.length} files, ${(total / KIB).toFixed(1)} KiB in all; ` +
      `trained ${plans.length} runs in ${(seconds / 60).toFixed(1)} min on ${pool.size} workers`,
  );
  return 0;
}

process.exitCode = await main();
