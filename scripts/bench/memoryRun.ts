/**
 * Memory over a long run, on wasm in Node: the default CNN with BN trains MEMORY_STEPS steps with
 * the "is it ICS?" measurements on; live tensors and the JS heap are read after warm-up and at the
 * end (after a garbage collection when Node runs with --expose-gc). Flat means nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Trainer } from '../../src/engine/train/trainer.ts';
import { splitIndices } from '../../src/engine/data/split.ts';
import type { ImageDataset } from '../../src/shared/imageBinary.ts';
import { MEASURE_PRESETS } from '../../src/shared/measurePresets.ts';
import { benchConfig } from '../../src/bench/benchCases.ts';

/** Steps of the long run. */
export const MEMORY_STEPS = 5000;
/** Steps before the first reading (kernels, optimizer slots and caches settle). */
const WARMUP_STEPS = 50;

export interface MemoryReport {
  steps: number;
  tensorsStart: number;
  tensorsEnd: number;
  /** JS heap in use, MB. */
  heapStartMb: number;
  heapEndMb: number;
  /** The wasm heap (tfjs's memory), MB. */
  backendStartMb: number;
  backendEndMb: number;
  meanMsPerStep: number;
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const backendMb = () => tf.memory().numBytes / 2 ** 20;

export async function memoryRun(data: ImageDataset, steps = MEMORY_STEPS): Promise<MemoryReport> {
  const base = benchConfig({ id: '', normalization: 'batchnorm', batchSize: 20 });
  const config = {
    ...base,
    steps,
    measure: { ...base.measure, ...MEASURE_PRESETS.ics },
  };
  const { trainSize, testSize, splitSeed } = config.data;
  const trainer = new Trainer(
    config,
    data,
    splitIndices(data.count, trainSize, testSize, splitSeed),
  );
  try {
    for (let i = 0; i < WARMUP_STEPS; i++) await trainer.trainStep();
    const tensorsStart = tf.memory().numTensors;
    const heapStartMb = heapMb();
    const backendStartMb = backendMb();
    const t0 = performance.now();
    for (let i = WARMUP_STEPS; i < steps; i++) await trainer.trainStep();
    const meanMsPerStep = (performance.now() - t0) / (steps - WARMUP_STEPS);
    return {
      steps,
      tensorsStart,
      tensorsEnd: tf.memory().numTensors,
      heapStartMb,
      heapEndMb: heapMb(),
      backendStartMb,
      backendEndMb: backendMb(),
      meanMsPerStep,
    };
  } finally {
    trainer.dispose();
  }
}
