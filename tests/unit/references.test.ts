/**
 * The shipped reference results (public/references/*.json): each file is valid, matches its
 * experiment's current plan, and the engine still computes exactly its numbers on wasm (the
 * backend the files are trained on): the first 20 losses of every run, and how whole runs end. A
 * change to the engine that moves any number, or to a preset, fails here until
 * `npm run references` is run again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../../src/engine/data/split';
import { Session } from '../../src/engine/train/session';
import { createTrainer } from '../../src/engine/train/createTrainer';
import type { SessionEvent } from '../../src/shared/runStatus';
import { EXPERIMENTS } from '../../src/experiments/registry';
import {
  readReference,
  REFERENCE_FOLDER,
  REFERENCE_MAX_POINTS,
  REFERENCE_PREFIX_STEPS,
  REFERENCE_SEEDS,
  referencePath,
  type Reference,
  type ReferenceRun,
} from '../../src/shared/reference';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig';
import {
  DEFAULT_DATASET,
  isShipped,
  type DatasetId,
  type ShippedDatasetId,
} from '../../src/shared/datasets';
import { seedlessKey } from '../../src/shared/seedlessKey';
import { loadDataset, useBackend } from '../helpers/engine';

/** A reference's dataset, which is always one the app ships. */
function shipped(id: DatasetId): ShippedDatasetId {
  if (!isShipped(id)) throw new Error(`a reference on ${id}`);
  return id;
}

/** Relative rounding of a stored value (4 significant digits), with room to spare. */
const ROUNDING = 1e-3;

const FOLDER = join('public', REFERENCE_FOLDER);
const files = readdirSync(FOLDER).filter((f) => f.endsWith('.json'));

/** Every file, read and validated once. */
const references: { file: string; reference: Reference }[] = files.map((file) => {
  const check = readReference(JSON.parse(readFileSync(join(FOLDER, file), 'utf8')));
  if (!check.ok) throw new Error(`${file}: ${check.error}`);
  return { file, reference: check.reference };
});

/**
 * The run's config with its first seed and no measurements: measurements never change the
 * trajectory (tested in the engine's tests), and runs that differ only in them train once here.
 */
const retrainConfig = (run: ReferenceRun): RunConfig => ({
  ...run.config,
  seed: run.seeds[0] ?? 0,
  measure: DEFAULT_RUN_CONFIG.measure,
});

/** Losses of the first steps on wasm, by retrained config (shared configs train once). */
const retrained = new Map<string, Promise<number[]>>();

async function firstLosses(config: RunConfig): Promise<number[]> {
  const key = `${seedlessKey(config)}/${config.seed}`;
  let losses = retrained.get(key);
  if (!losses) {
    losses = (async () => {
      const data = loadDataset(shipped(config.dataset));
      const { trainSize, testSize, splitSeed } = config.data;
      const split = splitIndices(data.count, trainSize, testSize, splitSeed);
      const trainer = createTrainer(config, data, split);
      try {
        const out: number[] = [];
        for (let i = 0; i < REFERENCE_PREFIX_STEPS; i++) out.push((await trainer.trainStep()).loss);
        return out;
      } finally {
        trainer.dispose();
      }
    })();
    retrained.set(key, losses);
  }
  return losses;
}

/** How a whole run ends when the engine's session trains it: status, steps, last test accuracy. */
async function wholeOutcome(config: RunConfig) {
  const events: SessionEvent[] = [];
  const session = new Session(new Map([[config.dataset, loadDataset(shipped(config.dataset))]]), {
    now: () => performance.now(),
    yieldToEvents: () => Promise.resolve(),
    wait: () => Promise.resolve(),
    emit: (event) => events.push(event),
  });
  session.start([{ id: 'check', config }]);
  while (session.busy) await new Promise((resolve) => setTimeout(resolve, 20));
  const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
  const points = events.flatMap((e) => (e.type === 'metrics' ? e.chunks : []));
  const steps = points.filter((c) => c.metric === 'trainLoss').flatMap((c) => [...c.steps]);
  const accuracy = points.filter((c) => c.metric === 'testAccuracy').flatMap((c) => [...c.values]);
  return { status: statuses.at(-1), steps: Math.max(...steps), accuracy: accuracy.at(-1) ?? null };
}

/**
 * The runs trained whole here: each file's first run, and the earliest-ending run of the file
 * (a stall), on their first seed. A few seconds each on wasm.
 */
function wholeRuns(reference: Reference): ReferenceRun[] {
  const ended = reference.runs
    .filter((r) => r.outcomes[0]?.status !== 'completed')
    .sort((a, b) => (a.outcomes[0]?.steps ?? 0) - (b.outcomes[0]?.steps ?? 0));
  return [...new Set([reference.runs[0], ended[0]])].filter((r): r is ReferenceRun => !!r);
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('reference files', () => {
  it('cover every experiment on the default dataset, one file each, and "Does BN help?" on Fashion-MNIST', () => {
    expect(files.filter((f) => !f.includes('@')).sort()).toEqual(
      Object.keys(EXPERIMENTS)
        .map((id) => `${id}.json`)
        .sort(),
    );
    expect(files).toContain('does-bn-work@fashion-mnist.json');
  });

  describe.each(references)('$file', ({ file, reference }) => {
    const experiment = EXPERIMENTS[reference.experimentId];

    it('is the reference of its experiment on its dataset, planned as the experiment plans it now', () => {
      const { dataset } = reference.settings;
      expect(join(REFERENCE_FOLDER, file)).toBe(referencePath(reference.experimentId, dataset));
      expect(experiment).toBeDefined();
      // Only an experiment that trains on images has files for other datasets.
      if (dataset !== DEFAULT_DATASET) {
        expect(experiment?.hiddenSettings ?? []).not.toContain('dataset');
      }
      expect(reference.settings).toEqual({ ...experiment?.defaults, dataset });
      const planned = experiment?.plan(reference.settings) ?? [];
      expect(reference.runs.map((r) => r.key)).toEqual(planned.map((p) => p.key));
      for (const [i, run] of reference.runs.entries()) {
        const plan = planned[i];
        expect(run.label).toBe(plan?.label);
        expect(run.panel).toBe(plan?.panel);
        expect(run.style).toEqual(plan?.style);
        expect(seedlessKey(run.config)).toBe(plan && seedlessKey(plan.config));
        expect(run.seeds).toEqual(
          Array.from({ length: REFERENCE_SEEDS }, (_, s) => reference.settings.seed + s),
        );
        expect(run.firstLosses).toHaveLength(REFERENCE_PREFIX_STEPS);
      }
    });

    it('keeps every charted metric compact and ordered (min <= mean <= max)', () => {
      // Every run keeps the first metric its experiment charts (a sweep figure charts test accuracy only).
      const first = EXPERIMENTS[reference.experimentId]?.metrics[0];
      for (const run of reference.runs) {
        // A run whose seeds all stalled before the first evaluation has no test accuracy at all.
        const recorded =
          first !== 'testAccuracy' || run.outcomes.some((o) => o.finalTestAccuracy !== null);
        if (recorded) {
          expect(first && run.series[first], `${run.key}: ${String(first)}`).toBeDefined();
        } else {
          expect(run.series.testAccuracy).toBeUndefined();
        }
        for (const series of Object.values(run.series)) {
          expect(series.steps.length).toBeLessThanOrEqual(REFERENCE_MAX_POINTS);
          series.mean.forEach((mean, i) => {
            // Each is rounded to 4 significant digits on its own.
            const slack = ROUNDING * Math.abs(mean);
            expect(series.min[i]).toBeLessThanOrEqual(mean + slack);
            expect(series.max[i]).toBeGreaterThanOrEqual(mean - slack);
          });
        }
      }
    });

    it(`matches the engine exactly: ${REFERENCE_PREFIX_STEPS} losses of every run (wasm)`, async () => {
      for (const run of reference.runs) {
        const losses = await firstLosses(retrainConfig(run));
        // Stored with 9 significant digits, which identify a float32 exactly.
        expect(losses, `${reference.experimentId}/${run.key}: npm run references`).toEqual(
          run.firstLosses.map(Math.fround),
        );
      }
    });

    it('matches the engine on whole runs: status, steps and last test accuracy (wasm)', async () => {
      for (const run of wholeRuns(reference)) {
        const expected = run.outcomes[0];
        const actual = await wholeOutcome(retrainConfig(run));
        expect(actual, `${reference.experimentId}/${run.key}: npm run references`).toEqual({
          status: expected?.status,
          steps: expected?.steps,
          accuracy:
            expected?.finalTestAccuracy == null ? null : Math.fround(expected.finalTestAccuracy),
        });
      }
    }, 120_000);
  });
});
