/**
 * One run of the paper's deep linear network on seeded Gaussian data: gradient descent on the
 * squared error, full-batch when the batch size covers every point, else seeded minibatches.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import type { RunConfig } from '../../shared/runConfig';
import { BatchSampler } from '../data/batches';
import { gaussianLinearData, type GaussianLinearData } from '../data/gaussian';
import { buildDeepLinear, squaredErrorLoss, type DeepLinearNetwork } from '../model/deepLinear';
import type { ForwardMode } from '../model/normalization/types';
import { Prng } from '../random/prng';
import { measuredStep } from './measuredStep';
import {
  captureState,
  restoreState,
  type TrainerCheckpoint,
  type TrainingParts,
} from './checkpoint';
import { learningRateAt } from './lrSchedule';
import { OPTIMIZER_REGISTRY, type ScheduledOptimizer } from './optimizers';
import { StepMeasurer, type MeasurePlan } from './stepMeasurer';
import type { StepResult, StepTrainer, TrainerOptions } from './trainer';

/** Builds the trainer of a deep-linear run (what the session calls for task 'deep-linear'). */
export type LinearTrainerFactory = (config: RunConfig, now?: () => number) => StepTrainer;

export const createLinearTrainer: LinearTrainerFactory = (config, now) =>
  new LinearTrainer(config, now);

export class LinearTrainer implements StepTrainer {
  readonly network: DeepLinearNetwork;
  /** The run's data as arrays (A, points, targets). */
  readonly data: GaussianLinearData;
  /** Whether every step uses all points (batch size >= samples). */
  readonly fullBatch: boolean;
  private readonly optimizer: tf.Optimizer;
  private readonly schedule: ScheduledOptimizer;
  /** Minibatch order over the point indices; null when full-batch. */
  private readonly sampler: BatchSampler | null;
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;
  private stepsDone = 0;

  private readonly measurer: StepMeasurer;

  constructor(
    readonly config: RunConfig,
    now: () => number = Date.now,
    options: TrainerOptions = {},
  ) {
    const { depth, width, samples, dataSeed } = config.deepLinear;
    this.data = gaussianLinearData({ width, samples, dataSeed });
    this.x = tf.tensor2d(this.data.x, [samples, width]);
    this.y = tf.tensor2d(this.data.y, [samples, width]);
    const rng = new Prng(config.seed);
    // Both streams are forked whatever the batch size, so init is the same full-batch or not.
    const initRng = rng.fork();
    const orderRng = rng.fork();
    this.network = buildDeepLinear({ depth, width }, config.model, initRng);
    this.fullBatch = config.batchSize >= samples;
    const pool = new Uint32Array(samples).map((_, i) => i);
    this.sampler = this.fullBatch ? null : new BatchSampler(pool, config.batchSize, orderRng);
    this.schedule = OPTIMIZER_REGISTRY[config.optimizer.name](
      config.learningRate,
      config.optimizer,
    );
    this.optimizer = this.schedule.optimizer;
    // The activation-space probe needs the CNN's activation override: off here.
    const measure = { ...config.measure, activationLayer: 0 };
    this.measurer = new StepMeasurer(
      measure,
      this.network.layers,
      config.learningRate,
      now,
      options.keepDetails,
    );
  }

  get step(): number {
    return this.stepsDone;
  }

  /** One optimizer step on the next batch (all points when full-batch). */
  trainStep(): Promise<StepResult> {
    return this.trainOn(this.sampler ? this.sampler.next() : null);
  }

  /** One optimizer step on the points at `indices` (null: all): the loss is before the update. */
  async trainOn(indices: Uint32Array | null): Promise<StepResult> {
    const step = this.stepsDone + 1;
    const { learningRate, steps, lrSchedule } = this.config;
    const rate = learningRateAt(learningRate, step, steps, lrSchedule);
    this.schedule.setLearningRate(rate);
    const plan = this.measurer.plan(step);
    const measure = plan.moments || plan.quantiles || plan.ics || plan.landscape;
    const result = measure ? await this.measuredOn(indices, plan) : await this.plainOn(indices);
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

  /** A step that also measures (ICS, landscape, moments of the hidden layers' inputs to BN). */
  private async measuredOn(indices: Uint32Array | null, plan: MeasurePlan): Promise<StepResult> {
    const [x, y] = indices ? tf.tidy(() => this.batch(indices)) : [this.x, this.y];
    try {
      const { values, measured } = await measuredStep({
        step: this.stepsDone + 1,
        plan,
        measurer: this.measurer,
        trainable: this.network.trainable,
        optimizer: this.optimizer,
        train: () => {
          const out = this.network.forward(x, { mode: 'train' });
          return { loss: squaredErrorLoss(out.output, y), side: [], preNorm: out.preNorm };
        },
        lossAt: (weights) =>
          squaredErrorLoss(this.network.forward(x, { mode: 'probe', weights }).output, y),
        lossAtActivation: () => {
          throw new Error('the activation-space landscape is measured on the CNN only');
        },
        cleanPreNorm: () => null,
      });
      this.stepsDone += 1;
      return { step: this.stepsDone, loss: values[0] ?? NaN, dead: [], measured };
    } finally {
      if (indices) {
        x.dispose();
        y.dispose();
      }
    }
  }

  /** The fast path: one tidy, one read-back. */
  private async plainOn(indices: Uint32Array | null): Promise<StepResult> {
    const loss = tf.tidy(() => {
      const [x, y] = this.batch(indices);
      const { value, grads } = tf.variableGrads(
        () => squaredErrorLoss(this.network.forward(x, { mode: 'train' }).output, y),
        this.network.trainable,
      );
      this.optimizer.applyGradients(grads);
      return value;
    });
    const [value = NaN] = await loss.data();
    loss.dispose();
    this.stepsDone += 1;
    return { step: this.stepsDone, loss: value, dead: [] };
  }

  /**
   * Loss on the points at `indices` (null: all) with the current weights and no update of
   * anything; 'probe' uses batch statistics in BN, 'eval' the running averages.
   */
  async lossOn(indices: Uint32Array | null = null, mode: ForwardMode = 'probe'): Promise<number> {
    if (mode === 'train') throw new Error("lossOn never trains: use 'probe' or 'eval'");
    const loss = tf.tidy(() => {
      const [x, y] = this.batch(indices);
      return squaredErrorLoss(this.network.forward(x, { mode }).output, y);
    });
    const [value = NaN] = await loss.data();
    loss.dispose();
    return value;
  }

  /** No held-out set: the task reports training loss only. */
  evaluate(): Promise<null> {
    return Promise.resolve(null);
  }

  /** What its checkpoints are made of. */
  private parts(): TrainingParts {
    return {
      trainable: this.network.trainable,
      state: this.network.state,
      optimizer: this.optimizer,
      sampler: this.sampler,
      noise: null,
      measurer: this.measurer,
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
    this.network.dispose();
    this.optimizer.dispose();
    this.x.dispose();
    this.y.dispose();
  }

  /** Points and targets at `indices` (null: the stored tensors themselves); call inside a tidy. */
  private batch(indices: Uint32Array | null): [tf.Tensor2D, tf.Tensor2D] {
    if (!indices) return [this.x, this.y];
    const at = tf.tensor1d(Int32Array.from(indices), 'int32');
    return [tf.gather(this.x, at), tf.gather(this.y, at)];
  }
}
