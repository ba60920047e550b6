/** One run: a network, its optimizer, its batch order; trains a step at a time and evaluates. */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import type { RunConfig } from '../../shared/runConfig';
import type { ImageDataset } from '../../shared/imageBinary';
import { BatchSampler, gatherBatch, type Batch } from '../data/batches';
import type { DataSplit } from '../data/split';
import { buildCnn, type ForwardOptions, type Network } from '../model/cnn';
import { accuracy, crossEntropy, deadChannelFraction } from '../model/loss';
import { Prng } from '../random/prng';
import type { TrainingParts } from './checkpoint';
import { measuredStep } from './measuredStep';
import { StepLoop } from './stepLoop';
import type { MeasurePlan } from './stepMeasurer';
import type { StepResult, TrainerOptions } from './stepTrainer';

/** Test images evaluated per forward pass (bounds memory on large evaluations). */
const EVAL_CHUNK = 500;

export class Trainer extends StepLoop<Batch> {
  readonly network: Network;
  private readonly sampler: BatchSampler;
  private readonly testImages: tf.Tensor4D;
  private readonly testLabels: tf.Tensor1D;

  constructor(
    config: RunConfig,
    private readonly data: ImageDataset,
    split: DataSplit,
    now: () => number = Date.now,
    options: TrainerOptions = {},
  ) {
    const rng = new Prng(config.seed);
    const network = buildCnn(config.model, rng.fork(), data);
    super(config, network.layers, config.measure, now, options);
    this.network = network;
    this.sampler = new BatchSampler(split.train, config.batchSize, rng.fork());
    const test = gatherBatch(data, split.test.subarray(0, config.evalSize));
    this.testImages = this.images(test);
    this.testLabels = tf.tensor1d(test.labels, 'int32');
  }

  /** A batch's images as the network's input, [size, rows, cols, channels]. */
  private images(batch: Batch): tf.Tensor4D {
    const { rows, cols, channels } = this.data;
    return tf.tensor4d(batch.images, [batch.size, rows, cols, channels]);
  }

  /** One optimizer step on the next batch; resolves once its metrics are read back. */
  trainStep(): Promise<StepResult> {
    return this.stepOn(gatherBatch(this.data, this.sampler.next()));
  }

  /** One optimizer step on `batch`: metrics are of the batch before the update. */
  trainOnBatch(batch: Batch): Promise<StepResult> {
    return this.stepOn(batch);
  }

  /** The fast path: one tidy, one read-back. */
  protected async plainStep(batch: Batch): Promise<StepResult> {
    const packed = tf.tidy(() => {
      const x = this.images(batch);
      const y = tf.tensor1d(batch.labels, 'int32');
      let sideMetrics: tf.Tensor1D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const out = this.network.forward(x, { mode: 'train' });
        // Kept past variableGrads' own tidy; disposed by the outer tidy's return below.
        sideMetrics = tf.keep(
          tf.stack([accuracy(out.logits, y), ...out.relus.map(deadChannelFraction)]) as tf.Tensor1D,
        );
        return crossEntropy(out.logits, y);
      }, this.network.trainable);
      this.optimizer.applyGradients(grads);
      const side = sideMetrics as unknown as tf.Tensor1D;
      const all = tf.concat([tf.reshape(value, [1]), side]);
      side.dispose();
      return all;
    });
    const values = await packed.data();
    packed.dispose();
    this.stepsDone += 1;
    const [loss = NaN, acc = NaN, ...dead] = Array.from(values);
    return { step: this.stepsDone, loss, accuracy: acc, dead };
  }

  /** A step that also measures: the same update, plus extra passes that leave it unchanged. */
  protected async measuredStep(batch: Batch, plan: MeasurePlan): Promise<StepResult> {
    const x = this.images(batch);
    const y = tf.tensor1d(batch.labels, 'int32');
    const probe = (options: Omit<ForwardOptions, 'mode' | 'noise'>) =>
      crossEntropy(
        this.network.forward(x, { mode: 'probe', noise: 'reuse', ...options }).logits,
        y,
      );
    try {
      const { values, measured } = await measuredStep({
        step: this.stepsDone + 1,
        plan,
        measurer: this.measurer,
        trainable: this.network.trainable,
        optimizer: this.optimizer,
        train: () => {
          const out = this.network.forward(x, { mode: 'train' });
          return {
            loss: crossEntropy(out.logits, y),
            side: [accuracy(out.logits, y), ...out.relus.map(deadChannelFraction)],
            preNorm: out.preNorm,
          };
        },
        lossAt: (weights) => probe({ weights }),
        lossAtActivation: (block, value) =>
          probe({ activation: { block, value: value as tf.Tensor4D } }),
        cleanPreNorm: () =>
          this.config.model.normalization === 'noisy-batchnorm'
            ? tf.tidy(() =>
                this.network
                  .forward(x, { mode: 'probe', noise: 'off' })
                  .preNorm.map((t) => tf.keep(t)),
              )
            : null,
      });
      this.stepsDone += 1;
      const [loss = NaN, acc = NaN, ...dead] = values;
      return { step: this.stepsDone, loss, accuracy: acc, dead, measured };
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** Loss on `batch` with the current weights, batch statistics, no update of anything. */
  async lossOn(batch: Batch): Promise<number> {
    const loss = tf.tidy(() => {
      const x = this.images(batch);
      const y = tf.tensor1d(batch.labels, 'int32');
      return crossEntropy(this.network.forward(x, { mode: 'probe' }).logits, y);
    });
    const [value = NaN] = await loss.data();
    loss.dispose();
    return value;
  }

  /** Accuracy on the run's evaluation images, BN using running averages. */
  async evaluate(): Promise<number> {
    const n = this.testImages.shape[0];
    let total: tf.Scalar = tf.scalar(0);
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      // One tidy per chunk: a chunk's activations are freed before the next (large images).
      const size = Math.min(EVAL_CHUNK, n - start);
      const sum = tf.tidy(() => {
        const x = tf.slice(this.testImages, [start, 0, 0, 0], [size, -1, -1, -1]);
        const y = tf.slice(this.testLabels, [start], [size]);
        const { logits } = this.network.forward(x, { mode: 'eval' });
        return tf.add(total, tf.mul(accuracy(logits, y), size)) as tf.Scalar;
      });
      total.dispose();
      total = sum;
    }
    const correct = tf.div(total, n);
    total.dispose();
    const [value = NaN] = await correct.data();
    correct.dispose();
    return value;
  }

  /** What its checkpoints are made of. */
  protected parts(): TrainingParts {
    return {
      trainable: this.network.trainable,
      state: this.network.state,
      optimizer: this.optimizer,
      sampler: this.sampler,
      noise: { get: () => this.network.noiseStates(), set: (s) => this.network.setNoiseStates(s) },
      measurer: this.measurer,
    };
  }

  protected disposeTask(): void {
    this.network.dispose();
    this.testImages.dispose();
    this.testLabels.dispose();
  }
}
