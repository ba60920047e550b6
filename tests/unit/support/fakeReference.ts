/** A small, valid reference file for an experiment, as `npm run references` would write it. */
import type { Experiment } from '../../../src/experiments/types';
import type { MetricId } from '../../../src/shared/metrics';
import {
  readReference,
  REFERENCE_FORMAT,
  REFERENCE_PREFIX_STEPS,
  REFERENCE_VERSION,
  type Reference,
  type ReferenceInput,
  type ReferenceSeries,
} from '../../../src/shared/reference';

/** Points per fake series, 10 steps apart. */
const POINTS = 5;
const GAP = 10;

/** A series whose mean is `level` + step / 1000, min and max 0.05 below and above it. */
function series(level: number): ReferenceSeries {
  const steps = Array.from({ length: POINTS }, (_, i) => (i + 1) * GAP);
  const mean = steps.map((s) => level + s / 1000);
  return {
    stride: 1,
    steps,
    mean,
    min: mean.map((m) => m - 0.05),
    max: mean.map((m) => m + 0.05),
  };
}

/** The reference document (as JSON would hold it) of `experiment` at its defaults. */
export function fakeReferenceInput(experiment: Experiment): ReferenceInput {
  const settings = experiment.defaults;
  return {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    experimentId: experiment.id,
    settings,
    engineVersion: '0.1.0',
    backend: 'wasm',
    date: '2026-11-26T12:00:00.000Z',
    runs: experiment.plan(settings).map((p, i) => {
      const { seed: _, ...config } = p.config;
      const seeds = [settings.seed, settings.seed + 1, settings.seed + 2];
      return {
        key: p.key,
        label: p.label,
        panel: p.panel,
        style: p.style,
        config,
        seeds,
        outcomes: seeds.map((seed) => ({
          seed,
          status: 'completed' as const,
          steps: settings.steps,
          finalTestAccuracy: 0.9,
          means: {},
          earlyMeans: {},
        })),
        firstLosses: Array.from({ length: REFERENCE_PREFIX_STEPS }, (_, k) => 2.3 - k / 100),
        series: Object.fromEntries(
          experiment.metrics.map((m: MetricId, k) => [m, series(i + k / 10)]),
        ),
      };
    }),
  };
}

/** The same, validated. */
export function fakeReference(experiment: Experiment): Reference {
  const check = readReference(JSON.parse(JSON.stringify(fakeReferenceInput(experiment))));
  if (!check.ok) throw new Error(check.error);
  return check.reference;
}
