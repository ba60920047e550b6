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
import type { TrainingParts } from './checkpoint';
import { measuredStep } from './measuredStep';
import { StepLoop } from './stepLoop';
import type { MeasurePlan } from './stepMeasurer';
import type { StepResult, TrainerOptions } from './stepTrainer';

/** A step's points: their indices, or null for all of them (full-batch). */
type PointIndices = Uint32Array | null;

export class LinearTrainer extends StepLoop<PointIndices> {
  readonly network: DeepLinearNetwork;
  /** The run's data as arrays (A, points, targets). */
  readonly data: GaussianLinearData;
  /** Whether every step uses all points (batch size >= samples). */
  readonly fullBatch: boolean;
  /** Minibatch order over the point indices; null when full-batch. */
  private readonly sampler: BatchSampler | null;
  private readonly x: tf.Tensor2D;
  private readonly y: tf.Tensor2D;

  constructor(config: RunConfig, now: () => number = Date.now, options: TrainerOptions = {}) {
    const { depth, width, samples, dataSeed } = config.deepLinear;
    const data = gaussianLinearData({ width, samples, dataSeed });
    const x = tf.tensor2d(data.x, [samples, width]);
    const y = tf.tensor2d(data.y, [samples, width]);
    const rng = new Prng(config.seed);
    // Both streams are forked whatever the batch size, so init is the same full-batch or not.
    const initRng = rng.fork();
    const orderRng = rng.fork();
    const network = buildDeepLinear({ depth, width }, config.model, initRng);
    // The activation-space probe needs the CNN's activation override: off here.
    super(config, network.layers, { ...config.measure, activationLayer: 0 }, now, options);
    this.data = data;
    this.x = x;
    this.y = y;
    this.network = network;
    this.fullBatch = config.batchSize >= samples;
    const pool = new Uint32Array(samples).map((_, i) => i);
    this.sampler = this.fullBatch ? null : new BatchSampler(pool, config.batchSize, orderRng);
  }

  /** One optimizer step on the next batch (all points when full-batch). */
  trainStep(): Promise<StepResult> {
    return this.stepOn(this.sampler ? this.sampler.next() : null);
  }

  /** One optimizer step on the points at `indices` (null: all): the loss is before the update. */
  trainOn(indices: PointIndices): Promise<StepResult> {
    return this.stepOn(indices);
  }

  /** A step that also measures (ICS, landscape, moments of the hidden layers' inputs to BN). */
  protected async measuredStep(indices: PointIndices, plan: MeasurePlan): Promise<StepResult> {
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
  protected async plainStep(indices: PointIndices): Promise<StepResult> {
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
  protected parts(): TrainingParts {
    return {
      trainable: this.network.trainable,
      state: this.network.state,
      optimizer: this.optimizer,
      sampler: this.sampler,
      noise: null,
      measurer: this.measurer,
    };
  }

  protected disposeTask(): void {
    this.network.dispose();
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
