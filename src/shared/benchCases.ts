/** The benchmark's cases: the default CNN with and without BN at the blog's batch and at 64. */
import { DEFAULT_RUN_CONFIG, type NormalizationName, type RunConfig } from './runConfig';

export interface BenchCase {
  /** Column name, e.g. "bn b64". */
  id: string;
  normalization: NormalizationName;
  batchSize: number;
}

export const BENCH_CASES: BenchCase[] = [20, 64].flatMap((batchSize) =>
  (['none', 'batchnorm'] as const).map((normalization) => ({
    id: `${normalization === 'none' ? 'plain' : 'bn'} b${batchSize}`,
    normalization,
    batchSize,
  })),
);

/** The run configuration a case times. */
export function benchConfig(c: BenchCase): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    model: { ...DEFAULT_RUN_CONFIG.model, normalization: c.normalization },
    batchSize: c.batchSize,
  };
}

/** One measured cell of the table. */
export interface BenchCell {
  caseId: string;
  medianMs: number;
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
}
