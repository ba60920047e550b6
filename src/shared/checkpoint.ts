/**
 * A run's full training state at a step, as plain data (typed arrays and numbers): what the worker
 * sends the page to keep, and gives back to resume. The engine writes and reads it
 * (src/engine/train/checkpoint.ts).
 */

/** The four 32-bit words of an sfc32 PRNG. */
export type PrngState = readonly [number, number, number, number];

/** Bumped when the layout below changes; restore refuses other versions. */
export const CHECKPOINT_VERSION = 1;

/** A tensor's values, row-major float32, with its shape. */
export interface SavedTensor {
  shape: number[];
  data: Float32Array;
}

/** One layer's per-channel batch moments. */
export interface SavedMoments {
  mean: number[];
  variance: number[];
}

/**
 * What the measurements remember from the step before, so the first step after a resume reports
 * its changes (loss change, moment changes) as an uninterrupted run would.
 */
export interface MeasurerState {
  /** The loss of the last step, or null before the first. */
  lastLoss: number | null;
  /** The moments of the last step that took them, per measured layer (clean: noise left out). */
  lastMoments: { step: number; noisy: SavedMoments[]; clean: SavedMoments[] | null } | null;
}

/** Where a BatchSampler is in its epoch. */
export interface SamplerState {
  order: Uint32Array;
  cursor: number;
  rng: PrngState;
}

export interface TrainerCheckpoint {
  version: typeof CHECKPOINT_VERSION;
  /** Steps finished when it was taken. */
  step: number;
  /** Milliseconds the run had trained (its wall-time axis goes on from here). */
  elapsedMs: number;
  /** The network's trainable variables, in the network's order. */
  trainable: SavedTensor[];
  /** Non-trainable state (BN running mean and variance), in order. */
  state: SavedTensor[];
  /** tfjs optimizer weights (getWeights order: iteration count, then its slots per variable). */
  optimizer: SavedTensor[];
  /** Batch order; null for full-batch training. */
  sampler: SamplerState | null;
  /** PRNG of each normalization layer that draws noise (null where none, or none drawn yet). */
  noise: (PrngState | null)[];
  /** The measurements' memory of the step before (absent in checkpoints written before it was). */
  measurer?: MeasurerState;
}

/**
 * What a run moving from one training worker to another carries besides its checkpoint: the
 * state that decides when it stalls (each conv block's dead-ReLU fraction over the recent steps,
 * oldest first), so the moved run ends exactly where it would have.
 */
export interface MovedState {
  deadWindow: number[][];
}
