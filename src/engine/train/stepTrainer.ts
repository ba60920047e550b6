/** What a run's trainer offers the session, whatever the task. */
import type { MetricId } from '../../shared/metrics';
import type { TrainerCheckpoint } from './checkpoint';
import type { StepDetails } from './stepDetails';

/** What one training step measured, on its batch, before its update. */
export interface StepResult {
  /** Steps finished, counting this one. */
  step: number;
  loss: number;
  /** Fraction of the batch classified correctly (classifiers only). */
  accuracy?: number;
  /** Dead-channel fraction per conv block (empty for networks without ReLUs). */
  dead: number[];
  /** Measurements taken at this step, by metric. */
  measured?: Partial<Record<MetricId, number>>;
  /** Every layer's and every eta's values, when the trainer keeps details. */
  details?: StepDetails;
}

/** Trainer options beyond the run's config. */
export interface TrainerOptions {
  /** Keep each measured step's details (per layer, per eta) on its result: `bnlab measure`. */
  keepDetails?: boolean;
}

/** What the session needs of a run's trainer. */
export interface StepTrainer {
  /** Steps finished. */
  readonly step: number;
  trainStep(): Promise<StepResult>;
  /** Held-out accuracy, or null for tasks without a test set. */
  evaluate(): Promise<number | null>;
  /** The full training state now (`elapsedMs`: how long the run has trained, for its time axis). */
  checkpoint(elapsedMs: number): Promise<TrainerCheckpoint>;
  /** Continue from a checkpoint of a run with the same config. */
  restore(checkpoint: TrainerCheckpoint): Promise<void>;
  dispose(): void;
}
