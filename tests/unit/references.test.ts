/**
 * The shipped reference results (public/references/*.json): each file is valid, matches its
 * experiment's current plan, and the engine still computes its first losses. A change to the engine
 * that moves the numbers, or to a preset, fails here until `npm run references` is run again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIndices } from '../../src/engine/data/split';
import { createTrainer } from '../../src/engine/train/trainer';
import { EXPERIMENTS } from '../../src/experiments/registry';
import {
  readReference,
  REFERENCE_FOLDER,
  REFERENCE_MAX_POINTS,
  REFERENCE_PREFIX_STEPS,
  REFERENCE_SEEDS,
  type Reference,
  type ReferenceRun,
} from '../../src/shared/reference';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig';
import { seedlessKey } from '../../src/panels/referenceRuns';
import { loadMnist, useBackend } from '../helpers/engine';

/** The files are trained on wasm and retrained here on cpu: float32 rounding differs a little. */
const RELATIVE_TOLERANCE = 1e-3;
/** Below this, losses are compared absolutely (a loss near 0). */
const ABSOLUTE_FLOOR = 1e-4;
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

const isBatchNorm = (run: ReferenceRun) => run.config.model.normalization === 'batchnorm';
/** The one file whose first batch-norm run is retrained too (BN's own kernels drift apart). */
const bnChecked = references.find(({ reference }) => reference.runs.some(isBatchNorm))?.reference;

/**
 * The runs retrained (a CPU step costs about half a second): each experiment's first run, and in
 * one file the first batch-norm run. These agree across backends to ~2e-5 after 5 steps; others
 * do not (wasm vs cpu rounding grows to 2.6e-3 in noisy BN, 2e-2 in l1 at LR 0.5), so a drift test
 * of them would fail on the backend, not on the engine.
 */
function checkedRuns(reference: Reference): ReferenceRun[] {
  const bn = reference === bnChecked ? reference.runs.find(isBatchNorm) : undefined;
  return [reference.runs[0], bn].filter(
    (r, i, all): r is ReferenceRun => !!r && all.indexOf(r) === i,
  );
}

/**
 * The run's config with its first seed and no measurements: measurements never change the
 * trajectory (tested in the engine's tests), and runs that differ only in them train once here.
 */
const retrainConfig = (run: ReferenceRun): RunConfig => ({
  ...run.config,
  seed: run.seeds[0] ?? 0,
  measure: DEFAULT_RUN_CONFIG.measure,
});

/** Losses of the first steps, by retrained config (runs shared by experiments train once). */
const retrained = new Map<string, Promise<number[]>>();

async function firstLosses(config: RunConfig): Promise<number[]> {
  const key = `${seedlessKey(config)}/${config.seed}`;
  let losses = retrained.get(key);
  if (!losses) {
    losses = (async () => {
      const data = loadMnist();
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

beforeAll(async () => {
  await useBackend('cpu');
});

describe('reference files', () => {
  it('cover every experiment, one file each', () => {
    expect(files.sort()).toEqual(
      Object.keys(EXPERIMENTS)
        .map((id) => `${id}.json`)
        .sort(),
    );
  });

  describe.each(references)('$file', ({ file, reference }) => {
    const experiment = EXPERIMENTS[reference.experimentId];

    it('is the reference of its experiment, planned as the experiment plans it now', () => {
      expect(file).toBe(`${reference.experimentId}.json`);
      expect(experiment).toBeDefined();
      expect(reference.settings).toEqual(experiment?.defaults);
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
      for (const run of reference.runs) {
        expect(run.series.trainLoss ?? run.series.trainAccuracy).toBeDefined();
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

    it('matches what the engine computes now: the first losses of its first seed (cpu)', async () => {
      for (const run of checkedRuns(reference)) {
        const losses = await firstLosses(retrainConfig(run));
        run.firstLosses.forEach((expected, i) => {
          const actual = losses[i] as number;
          const scale = Math.max(Math.abs(expected), ABSOLUTE_FLOOR);
          expect(
            Math.abs(actual - expected) / scale,
            `${reference.experimentId}/${run.key} step ${i + 1}: ${actual} vs ${expected}`,
          ).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
        });
      }
    });
  });
});
