/**
 * The step loop every trainer shares: the learning rate for the step, a plain or a measured step as
 * the measurement plan says, the loss change and rate added to what it measured, checkpoints.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MeasureConfig, RunConfig } from '../../shared/runConfig';
import type { LayerParams } from '../metrics/ics';
import {
  captureState,
  restoreState,
  type TrainerCheckpoint,
  type TrainingParts,
} from './checkpoint';
import { learningRateAt } from './lrSchedule';
import { OPTIMIZER_REGISTRY, type ScheduledOptimizer } from './optimizers';
import { StepMeasurer, type MeasurePlan } from './stepMeasurer';
import type { StepResult, StepTrainer, TrainerOptions } from './stepTrainer';

/** A trainer whose task supplies its batches (`B`), its two kinds of step and its state. */
export abstract class StepLoop<B> implements StepTrainer {
  protected readonly optimizer: tf.Optimizer;
  protected readonly measurer: StepMeasurer;
  /** Steps finished. */
  protected stepsDone = 0;
  private readonly schedule: ScheduledOptimizer;

  /** `layers`: the network's layers the measurer reads; `measure`: what it measures. */
  protected constructor(
    readonly config: RunConfig,
    layers: readonly LayerParams[],
    measure: MeasureConfig,
    now: () => number,
    options: TrainerOptions,
  ) {
    this.schedule = OPTIMIZER_REGISTRY[config.optimizer.name](
      config.learningRate,
      config.optimizer,
    );
    this.optimizer = this.schedule.optimizer;
    this.measurer = new StepMeasurer(
      measure,
      layers,
      config.learningRate,
      now,
      options.keepDetails,
    );
  }

  get step(): number {
    return this.stepsDone;
  }

  abstract trainStep(): Promise<StepResult>;
  abstract evaluate(): Promise<number | null>;
  /** The fast path: one update, one read-back. */
  protected abstract plainStep(batch: B): Promise<StepResult>;
  /** The same update, plus the extra passes `plan` asks for, which leave it unchanged. */
  protected abstract measuredStep(batch: B, plan: MeasurePlan): Promise<StepResult>;
  /** What its checkpoints are made of. */
  protected abstract parts(): TrainingParts;
  /** Frees what the task holds besides the optimizer. */
  protected abstract disposeTask(): void;

  /** One optimizer step on `batch`: metrics are of the batch before the update. */
  protected async stepOn(batch: B): Promise<StepResult> {
    const step = this.stepsDone + 1;
    const { learningRate, steps, lrSchedule } = this.config;
    const rate = learningRateAt(learningRate, step, steps, lrSchedule);
    this.schedule.setLearningRate(rate);
    const plan = this.measurer.plan(step);
    const result =
      plan.moments || plan.quantiles || plan.ics || plan.landscape
        ? await this.measuredStep(batch, plan)
        : await this.plainStep(batch);
    const details = this.measurer.takeDetails();
    return {
      ...result,
      measured: {
        ...result.measured,
        ...this.measurer.lossChange(result.loss),
        // A schedule's rate is worth a chart; a constant one is not.
        ...(lrSchedule.name === 'constant' ? {} : { learningRate: rate }),
      },
      ...(details ? { details } : {}),
    };
  }

  checkpoint(elapsedMs: number): Promise<TrainerCheckpoint> {
    return captureState(this.parts(), this.stepsDone, elapsedMs);
  }

  async restore(checkpoint: TrainerCheckpoint): Promise<void> {
    await restoreState(this.parts(), checkpoint);
    this.stepsDone = checkpoint.step;
  }

  dispose(): void {
    this.disposeTask();
    this.optimizer.dispose();
  }
}
