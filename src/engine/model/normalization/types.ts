/** What every normalization layer is: the interface the network calls. */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../../shared/runConfig';
import type { PrngState } from '../../random/prng';

/**
 * 'train': normalize with batch statistics and update the running averages;
 * 'probe': batch statistics, no update (extra passes of measurements must not change the run);
 * 'eval': running averages (what real BN does at test time).
 */
export type ForwardMode = 'train' | 'probe' | 'eval';

/**
 * Noise of noisy BN in a pass: 'draw' new noise for this step (training passes), 'reuse' the noise
 * drawn last (extra passes of measurements on the same step), or 'off' (the noise-free view).
 * Normalizations without noise ignore it.
 */
export type NoiseMode = 'draw' | 'reuse' | 'off';

export interface NormPass {
  mode: ForwardMode;
  noise: NoiseMode;
}

/** One normalization layer over NHWC activations, per channel. */
export interface NormLayer {
  /** Learned parameters (gamma, beta), updated by the optimizer. */
  readonly trainable: tf.Variable[];
  /** Running statistics, updated in 'train' mode only. */
  readonly state: tf.Variable[];
  /**
   * Normalize `x`. `weights` stand in for `trainable` (same order and shapes): measurements
   * evaluate the layer at other parameter values without touching the variables.
   */
  apply(x: tf.Tensor4D, pass: NormPass, weights?: readonly tf.Tensor[]): tf.Tensor4D;
  /** Free what the layer holds besides its variables (e.g. the last noise drawn). */
  dispose?(): void;
  /** Layers that draw noise: their PRNG's state (null before the first draw), for checkpoints. */
  randomState?(): PrngState | null;
  setRandomState?(state: PrngState): void;
}

/** What a layer needs besides its width and the model config. */
export interface NormContext {
  /** Seeds the layer's noise, for layers that inject noise (consumed by 'draw' passes only). */
  noiseSeed: () => number;
  /** Position among the network's normalization layers, 0 = first (per-layer noise settings). */
  layerIndex: number;
}

export interface NormalizationKind {
  /** Name shown in legends and menus. */
  label: string;
  create(channels: number, config: ModelConfig, context: NormContext): NormLayer;
}
