/** The trainer of a run's task: the MNIST CNN, or the deep linear network. */
import type { RunConfig } from '../../shared/runConfig';
import type { ImageDataset } from '../../shared/imageBinary';
import type { DataSplit } from '../data/split';
import { LinearTrainer } from './linearTrainer';
import type { StepTrainer } from './stepTrainer';
import { Trainer } from './trainer';

/** Builds the trainer of a run (a seam for tests); `now` times the measurements, ms. */
export type TrainerFactory = (
  config: RunConfig,
  data: ImageDataset,
  split: DataSplit,
  now?: () => number,
) => StepTrainer;

export const createTrainer: TrainerFactory = (config, data, split, now) =>
  config.task === 'deep-linear'
    ? new LinearTrainer(config, now)
    : new Trainer(config, data, split, now);
