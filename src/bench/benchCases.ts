/**
 * The benchmark's cases: the default CNN with and without BN at the blog's batch and at 64, each
 * also with every measurement on at the article's cadences.
 */
import { MEASURE_PRESETS } from '../shared/measurePresets';
import { DEFAULT_RUN_CONFIG, type NormalizationName, type RunConfig } from '../shared/runConfig';

export interface BenchCase {
  /** Column name, e.g. "bn b64". */
  id: string;
  normalization: NormalizationName;
  batchSize: number;
  /** With every preset's measurements at their cadences (timed by the mean, not the median). */
  measured?: boolean;
}

export const BENCH_CASES: BenchCase[] = [20, 64].flatMap((batchSize) =>
  (['none', 'batchnorm'] as const).map((normalization) => ({
    id: `${normalization === 'none' ? 'plain' : 'bn'} b${batchSize}`,
    normalization,
    batchSize,
  })),
);

/** The same cases with measurements: "bn b64 +m". */
export const MEASURED_CASES: BenchCase[] = BENCH_CASES.map((c) => ({
  ...c,
  id: `${c.id} +m`,
  measured: true,
}));

/** Timed steps of a measured case: a multiple of every cadence (5, 10, 25). */
export const MEASURED_CASE_STEPS = 50;

/** The run configuration a case times. */
export function benchConfig(c: BenchCase): RunConfig {
  const measure = c.measured
    ? { ...DEFAULT_RUN_CONFIG.measure, ...MEASURE_PRESETS.ics, ...MEASURE_PRESETS.smoothness }
    : DEFAULT_RUN_CONFIG.measure;
  return {
    ...DEFAULT_RUN_CONFIG,
    model: { ...DEFAULT_RUN_CONFIG.model, normalization: c.normalization },
    batchSize: c.batchSize,
    measure,
  };
}

/** One measured cell of the table. */
export interface BenchCell {
  caseId: string;
  medianMs: number;
  /** Mean ms per step (NaN where not measured). */
  meanMs: number;
  p90Ms: number;
  steps: number;
  tensorsStart: number;
  tensorsEnd: number;
}

/** One row: where it ran and on which backend. */
export interface BenchRow {
  where: string;
  backend: string;
  cells: BenchCell[];
  /** Why a row has no cells (backend unavailable, failed). */
  note?: string;
  /** How often our array kernels ran as wasm SIMD and as JavaScript loops (wasm and cpu rows). */
  arrayKernels?: { simd: number; js: number };
  /** Forward convolutions by our SIMD kernels and by the stock one, and whether ours fused (wasm rows). */
  convolutions?: { simd: number; stock: number; fused: boolean };
}
