/**
 * Times training steps of a configuration on the current backend, on a fixed synthetic batch: the
 * benchmark's one measurement, shared by Node and the browser so both time the same code.
 */
import * as tf from '@tensorflow/tfjs-core';
import { imageBytes, type ImageDataset } from '../shared/imageBinary';
import type { DataSplit } from '../engine/data/split';
import { Prng } from '../engine/random/prng';
import { Trainer } from '../engine/train/trainer';
import type { RunConfig } from '../shared/runConfig';
import { benchConfig, MEASURED_CASE_STEPS, MEASURED_CASES, type BenchCell } from './benchCases';

/** Untimed steps first (kernel setup, shader compilation, the JIT tiering up: 3 left the first case ~30% slow). */
export const BENCH_WARMUP_STEPS = 10;

export interface StepTiming {
  /** Milliseconds per step, median and 90th percentile. */
  medianMs: number;
  /** The mean, ms: what a measurement every k steps costs per step, spread over its period. */
  meanMs: number;
  p90Ms: number;
  /** Timed steps. */
  steps: number;
  /** Live tensors before and after the timed steps (flat means no leak). */
  tensorsStart: number;
  tensorsEnd: number;
}

/** The shipped datasets' images: 28 x 28 grey, 10 classes. */
const SHIPPED_IMAGES = { rows: 28, cols: 28, channels: 1, classes: 10 };

/** A dataset of `count` random images of `shape` (28 x 28 grey unless told), for timing only. */
export function syntheticImages(
  count: number,
  seed: number,
  shape: Pick<ImageDataset, 'rows' | 'cols' | 'channels' | 'classes'> = SHIPPED_IMAGES,
): ImageDataset {
  const rng = new Prng(seed);
  return {
    count,
    ...shape,
    labels: Uint8Array.from({ length: count }, () => rng.int(shape.classes)),
    pixels: Uint8Array.from({ length: count * imageBytes(shape) }, () => rng.int(256)),
  };
}

/** Percentile `q` (0..1) of sorted values, nearest rank. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A trainer of `config` on one fixed synthetic batch (only the step's own work is timed). */
function syntheticTrainer(config: RunConfig): Trainer {
  const count = config.batchSize;
  const data = syntheticImages(count, 1);
  const all = Uint32Array.from({ length: count }, (_, i) => i);
  return new Trainer(
    { ...config, evalSize: 1, data: { trainSize: count, testSize: 1, splitSeed: 0 } },
    data,
    { train: all, test: all.subarray(0, 1) },
  );
}

/** Real images: the run's own split of a dataset, a new batch gathered every step as in the app. */
export interface RealImages {
  data: ImageDataset;
  split: DataSplit;
}

/**
 * Time steps until `maxSteps` are done or `budgetMs` has passed (at least `minSteps`); each step
 * includes reading its metrics back, as the app does. On one synthetic batch unless `images` are
 * given.
 */
export async function timeTrainingSteps(
  config: RunConfig,
  now: () => number,
  { minSteps = 5, maxSteps = 30, budgetMs = 4000 } = {},
  images?: RealImages,
): Promise<StepTiming> {
  const trainer = images
    ? new Trainer(config, images.data, images.split)
    : syntheticTrainer(config);
  try {
    for (let i = 0; i < BENCH_WARMUP_STEPS; i++) await trainer.trainStep();
    const tensorsStart = tf.memory().numTensors;
    const times: number[] = [];
    const start = now();
    while (times.length < minSteps || (times.length < maxSteps && now() - start < budgetMs)) {
      const t0 = now();
      await trainer.trainStep();
      times.push(now() - t0);
    }
    const tensorsEnd = tf.memory().numTensors;
    const meanMs = times.reduce((sum, t) => sum + t, 0) / times.length;
    times.sort((a, b) => a - b);
    return {
      medianMs: percentile(times, 0.5),
      meanMs,
      p90Ms: percentile(times, 0.9),
      steps: times.length,
      tensorsStart,
      tensorsEnd,
    };
  } finally {
    trainer.dispose();
  }
}

/** Every case with measurements on, each for MEASURED_CASE_STEPS steps (a multiple of every cadence). */
export async function timeMeasuredCases(now: () => number): Promise<BenchCell[]> {
  const cells: BenchCell[] = [];
  for (const c of MEASURED_CASES) {
    const timing = await timeTrainingSteps(benchConfig(c), now, {
      minSteps: MEASURED_CASE_STEPS,
      maxSteps: MEASURED_CASE_STEPS,
      budgetMs: Infinity,
    });
    cells.push({ caseId: c.id, ...timing });
  }
  return cells;
}
