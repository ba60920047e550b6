/**
 * The step-size section's figure and prose from shipped reference results: every seed of every
 * reference run becomes a sweep run whose only test-accuracy point is its final one, so the same
 * sweepFigure draws the shipped results and the live runs; and the numbers the prose quotes.
 */
import type { NormalizationName } from '../../shared/runConfig';
import type { Reference } from '../../shared/reference';
import { sweepFigure, type SweepFigure, type SweepRun, type SweepSpec } from './sweepLines';

/** What the step-size figure shows: final test accuracy against LR, a line per normalization. */
export const STEP_SIZE_SPEC: SweepSpec = {
  x: 'learningRate',
  line: 'model.normalization',
  summary: 'final',
  metric: 'testAccuracy',
  parameter: 0,
};

/** One sweep run per seed of each reference run, its final test accuracy its only point. */
export function referenceSweepRuns(reference: Reference): SweepRun[] {
  return reference.runs.flatMap((run) =>
    run.outcomes.map((outcome) => ({
      id: `${run.key}-seed${outcome.seed}`,
      label: `${run.label} · seed ${outcome.seed}`,
      config: { ...run.config, seed: outcome.seed },
      status: outcome.status,
      series: {
        testAccuracy: {
          steps: [outcome.steps],
          values: [outcome.finalTestAccuracy ?? NaN],
          length: 1,
        },
      },
    })),
  );
}

/** The shipped figure of the step-size section. */
export const referenceSweepFigure = (reference: Reference): SweepFigure =>
  sweepFigure(referenceSweepRuns(reference), STEP_SIZE_SPEC, true);

/** Test accuracy a learning rate must reach on average over the seeds to count as "trains". */
export const TRAINS_ACCURACY = 0.9;

/** What the prose says of one normalization. */
export interface StepSizeFinding {
  normalization: NormalizationName;
  /** Highest mean final test accuracy and the learning rate that gave it. */
  best: { lr: number; accuracy: number };
  /** Learning rates whose mean final test accuracy reached TRAINS_ACCURACY. */
  trains: number[];
  /** Smallest learning rate at which some seed stalled or diverged; null when none did. */
  firstFailure: { lr: number; seeds: number; of: number } | null;
}

/** Per normalization of the reference, in the order of its runs: best, range that trains, failures. */
export function stepSizeFindings(reference: Reference): StepSizeFinding[] {
  const byNorm = new Map<NormalizationName, typeof reference.runs>();
  for (const run of reference.runs) {
    const norm = run.config.model.normalization;
    byNorm.set(norm, [...(byNorm.get(norm) ?? []), run]);
  }
  return [...byNorm.entries()].map(([normalization, runs]) => {
    const rows = runs
      .map((run) => {
        const accs = run.outcomes.map((o) => o.finalTestAccuracy ?? NaN).filter(Number.isFinite);
        const failed = run.outcomes.filter(
          (o) => o.status === 'stalled' || o.status === 'diverged',
        ).length;
        return {
          lr: run.config.learningRate,
          accuracy: accs.length > 0 ? accs.reduce((s, a) => s + a, 0) / accs.length : NaN,
          failed,
          seeds: run.outcomes.length,
        };
      })
      .sort((a, b) => a.lr - b.lr);
    const best = rows.reduce(
      (top, row) => (row.accuracy > top.accuracy ? { lr: row.lr, accuracy: row.accuracy } : top),
      { lr: NaN, accuracy: -Infinity },
    );
    const failure = rows.find((row) => row.failed > 0);
    return {
      normalization,
      best,
      trains: rows.filter((row) => row.accuracy >= TRAINS_ACCURACY).map((row) => row.lr),
      firstFailure: failure ? { lr: failure.lr, seeds: failure.failed, of: failure.seeds } : null,
    };
  });
}
