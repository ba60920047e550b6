/**
 * Every measurement on exactly one saved state: restore a checkpoint into a trainer that measures
 * everything at every step and keeps the details, and take one step on a batch. Its metrics are
 * taken before the step's update, so they describe the checkpoint's state (what `bnlab measure`
 * prints).
 */
import type { TrainerCheckpoint } from '../../shared/checkpoint';
import type { RunConfig } from '../../shared/runConfig';
import { gatherBatch } from '../data/batches';
import type { ImageDataset } from '../../shared/imageBinary';
import type { DataSplit } from '../data/split';
import { LinearTrainer } from './linearTrainer';
import type { StepResult } from './stepTrainer';
import { Trainer } from './trainer';

/** The CNN layer whose activation-space landscape is probed (the paper's layer 2). */
export const MEASURED_ACTIVATION_LAYER = 2;

/** Every cadence at 1: a step measures everything. */
function measureEverything(config: RunConfig): RunConfig {
  return {
    ...config,
    measure: {
      ...config.measure,
      momentsEvery: 1,
      quantilesEvery: 1,
      icsEvery: 1,
      landscapeEvery: 1,
      activationLayer: MEASURED_ACTIVATION_LAYER,
    },
  };
}

/**
 * The measured step on `batch`: indices into the MNIST images (CNN) or the run's points (deep
 * linear); null takes the run's own next batch.
 */
export async function measureCheckpoint(
  config: RunConfig,
  checkpoint: TrainerCheckpoint,
  batch: readonly number[] | null,
  data: ImageDataset,
  split: DataSplit,
  now: () => number,
): Promise<StepResult> {
  const measured = measureEverything(config);
  const options = { keepDetails: true };
  if (config.task === 'deep-linear') {
    const trainer = new LinearTrainer(measured, now, options);
    try {
      await trainer.restore(checkpoint);
      return batch === null
        ? await trainer.trainStep()
        : await trainer.trainOn(Uint32Array.from(batch));
    } finally {
      trainer.dispose();
    }
  }
  const trainer = new Trainer(measured, data, split, now, options);
  try {
    await trainer.restore(checkpoint);
    return batch === null
      ? await trainer.trainStep()
      : await trainer.trainOnBatch(gatherBatch(data, Uint32Array.from(batch)));
  } finally {
    trainer.dispose();
  }
}

/** How many items a batch index may address: MNIST images, or the deep linear net's points. */
export function batchIndexLimit(config: RunConfig, imageCount: number): number {
  return config.task === 'deep-linear' ? config.deepLinear.samples : imageCount;
}
