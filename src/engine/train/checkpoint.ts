/**
 * A run's full training state at a step: weights, BN running statistics, optimizer state, the batch
 * order's position and PRNG state, and each noisy layer's PRNG. Restoring it into a fresh trainer of
 * the same config continues the very same run (same next batches, same next losses).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  CHECKPOINT_VERSION,
  type MeasurerState,
  type PrngState,
  type SamplerState,
  type SavedTensor,
  type TrainerCheckpoint,
} from '../../shared/checkpoint';

export type { SamplerState, TrainerCheckpoint } from '../../shared/checkpoint';

/** Copy the tensors' values out. */
async function readTensors(tensors: readonly tf.Tensor[]): Promise<SavedTensor[]> {
  return Promise.all(
    tensors.map(async (t) => ({ shape: [...t.shape], data: Float32Array.from(await t.data()) })),
  );
}

/** Write saved values into variables of the same shapes; a mismatch names what differs. */
function assignTensors(
  variables: readonly tf.Variable[],
  saved: readonly SavedTensor[],
  what: string,
): void {
  if (variables.length !== saved.length) {
    throw new Error(
      `checkpoint has ${saved.length} ${what} tensors; this network has ${variables.length}`,
    );
  }
  variables.forEach((v, i) => {
    const s = saved[i] as SavedTensor;
    if (!tf.util.arraysEqual(v.shape, s.shape)) {
      throw new Error(
        `checkpoint ${what} tensor ${i} has shape [${s.shape.join(', ')}]; the network's is [${v.shape.join(', ')}]`,
      );
    }
    tf.tidy(() => v.assign(tf.tensor(s.data, s.shape, 'float32')));
  });
}

/** The optimizer's state as saved tensors (getWeights' iteration scalar is freed after reading). */
async function readOptimizer(optimizer: tf.Optimizer): Promise<SavedTensor[]> {
  const weights = await optimizer.getWeights();
  const saved = await readTensors(weights.map((w) => w.tensor));
  weights[0]?.tensor.dispose();
  return saved;
}

/** Give the optimizer saved state (its slots are matched to variables by order, as tfjs does). */
async function restoreOptimizer(
  optimizer: tf.Optimizer,
  saved: readonly SavedTensor[],
): Promise<void> {
  const tensors = saved.map((s) => tf.tensor(s.data, s.shape, 'float32'));
  await optimizer.setWeights(tensors.map((tensor, i) => ({ name: `slot_${i}`, tensor })));
  // The optimizer made variables of its own from these.
  tf.dispose(tensors);
}

/** Refuse a checkpoint this engine cannot read. */
function checkVersion(checkpoint: { version: number }): void {
  if (checkpoint.version !== CHECKPOINT_VERSION) {
    throw new Error(
      `checkpoint version ${checkpoint.version}; this engine reads version ${CHECKPOINT_VERSION}`,
    );
  }
}

/** What a trainer's checkpoint is made of. */
export interface TrainingParts {
  trainable: readonly tf.Variable[];
  state: readonly tf.Variable[];
  optimizer: tf.Optimizer;
  /** The batch order, or null for full-batch training. */
  sampler: { getState(): SamplerState; setState(state: SamplerState): void } | null;
  /** The noise PRNGs of the normalization layers, where the network has any. */
  noise: {
    get(): (PrngState | null)[];
    set(states: readonly (PrngState | null)[]): void;
  } | null;
  /** The measurements' memory of the step before. */
  measurer: { getState(): MeasurerState; setState(state: MeasurerState): void };
}

/** Everything needed to continue the run from `step`. */
export async function captureState(
  parts: TrainingParts,
  step: number,
  elapsedMs: number,
): Promise<TrainerCheckpoint> {
  return {
    version: CHECKPOINT_VERSION,
    step,
    elapsedMs,
    trainable: await readTensors(parts.trainable),
    state: await readTensors(parts.state),
    optimizer: await readOptimizer(parts.optimizer),
    sampler: parts.sampler?.getState() ?? null,
    noise: parts.noise?.get() ?? [],
    measurer: parts.measurer.getState(),
  };
}

/** Put a checkpoint's state back (the caller sets its own step count to checkpoint.step). */
export async function restoreState(parts: TrainingParts, checkpoint: TrainerCheckpoint) {
  checkVersion(checkpoint);
  assignTensors(parts.trainable, checkpoint.trainable, 'trainable');
  assignTensors(parts.state, checkpoint.state, 'state');
  await restoreOptimizer(parts.optimizer, checkpoint.optimizer);
  if (checkpoint.sampler) parts.sampler?.setState(checkpoint.sampler);
  parts.noise?.set(checkpoint.noise);
  if (checkpoint.measurer) parts.measurer.setState(checkpoint.measurer);
}
