/**
 * The image network: conv blocks (conv -> [norm] -> ReLU -> maxpool 2), then flatten -> dense, one
 * output per class of the dataset (10 for MNIST and Fashion-MNIST). Its input is the dataset's
 * images: 28 x 28 grey for the shipped ones, any size and 1 or 3 channels for an imported one.
 * The default is the blog's: conv 5x5 (8), conv 5x5 (16); 'same' padding, so 28 -> 14 -> 7 px.
 * In 'blog-layout' placement each norm comes after ReLU and pooling instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense as denseLayer } from './dense';
import { createMaxPool2x2, POOL } from './maxPool';
import type { ModelConfig } from '../../shared/runConfig';
import type { Prng, PrngState } from '../random/prng';
import { fanInUniform } from './init';
import { NORMALIZATION_REGISTRY } from './normalization/registry';
import type { ForwardMode, NoiseMode, NormLayer } from './normalization/types';

/** Image side of the shipped datasets, pixels. */
export const IMAGE_SIDE = 28;
/** Output classes of the shipped datasets (digits, clothes); a dataset may have others. */
export const CLASSES = 10;

/** What the network reads and predicts: image height, width and channels, and the class count. */
export interface ImageShape {
  rows: number;
  cols: number;
  channels: number;
  classes: number;
}

/** The shipped datasets' shape: 28 x 28 grey images of 10 classes. */
const SHIPPED_SHAPE: ImageShape = {
  rows: IMAGE_SIDE,
  cols: IMAGE_SIDE,
  channels: 1,
  classes: CLASSES,
};

/** Side after `blocks` 2 x 2 poolings (each drops an odd last row or column). */
const pooledSide = (side: number, blocks: number): number =>
  Array.from({ length: blocks }).reduce<number>((s) => Math.floor(s / POOL), side);

/** Why `config`'s conv blocks cannot read images of `shape` (pooled away to nothing), or null. */
function shapeProblem(config: ModelConfig, shape: ImageShape): string | null {
  const blocks = config.convFilters.length;
  const least = POOL ** blocks;
  return pooledSide(shape.rows, blocks) < 1 || pooledSide(shape.cols, blocks) < 1
    ? `${shape.rows}×${shape.cols} images are too small for ${blocks} conv blocks (each halves the side): they need at least ${least}×${least}`
    : null;
}
/** Does the 2x2 pool see every position of `x` (even height and width)? */
const coversAll = (x: tf.Tensor4D) => x.shape[1] % POOL === 0 && x.shape[2] % POOL === 0;

interface ForwardOutput {
  /** Unnormalized class scores, [batch, classes]. */
  logits: tf.Tensor2D;
  /**
   * Post-ReLU activations of each conv block, for dead-unit counts: max-pooled where the pool covers
   * every position (the same per-channel maximum from a quarter of the values), else as they are.
   */
  relus: tf.Tensor4D[];
  /** What each block's normalization received (its pre-normalization activations), NHWC. */
  preNorm: tf.Tensor4D[];
}

export interface ForwardOptions {
  mode: ForwardMode;
  /** Noise of noisy BN: 'draw' by default in 'train' mode, 'off' otherwise. */
  noise?: NoiseMode;
  /** Tensors standing in for `trainable`, same order and shapes (for measurements). */
  weights?: readonly tf.Tensor[];
  /**
   * Replace block `block`'s pre-normalization activation by `value` (same shape): the loss as a
   * function of that activation, for the activation-space landscape. Blocks before it are not
   * computed (relus and preNorm then start at that block).
   */
  activation?: { block: number; value: tf.Tensor4D };
}

/** A layer with weights, for per-layer measurements (ICS): where its tensors sit in `trainable`. */
export interface LayerInfo {
  name: string;
  /** Index of the layer's weight (kernel) in `trainable`. */
  weight: number;
  /** Indices of all of the layer's parameters (kernel, bias, normalization's gamma and beta). */
  params: number[];
}

export interface Network {
  /** Every trainable variable, in a fixed order. */
  readonly trainable: tf.Variable[];
  /** Non-trainable state (BN running statistics). */
  readonly state: tf.Variable[];
  /** The layers in forward order: conv 1, conv 2, ..., dense. */
  readonly layers: LayerInfo[];
  forward(x: tf.Tensor4D, options: ForwardOptions): ForwardOutput;
  /** The noise PRNG state of each block's normalization (null where it draws none). */
  noiseStates(): (PrngState | null)[];
  setNoiseStates(states: readonly (PrngState | null)[]): void;
  dispose(): void;
}

interface ConvBlock {
  kernel: tf.Variable;
  bias: tf.Variable;
  norm: NormLayer;
}

/** Conv block number `layerIndex` (0 = first) with `inC` input and `outC` output channels. */
function convBlock(
  rng: Prng,
  inC: number,
  outC: number,
  config: ModelConfig,
  layerIndex: number,
): ConvBlock {
  const k = config.kernelSize;
  const fanIn = k * k * inC;
  return {
    kernel: fanInUniform(rng, [k, k, inC, outC], fanIn),
    bias: fanInUniform(rng, [outC], fanIn),
    norm: NORMALIZATION_REGISTRY[config.normalization].create(outC, config, {
      noiseSeed: () => rng.nextUint32(),
      layerIndex,
    }),
  };
}

/** Build the network for images of `shape` with weights drawn from `rng`. */
export function buildCnn(
  config: ModelConfig,
  rng: Prng,
  shape: ImageShape = SHIPPED_SHAPE,
): Network {
  const problem = shapeProblem(config, shape);
  if (problem) throw new Error(problem);
  const { classes } = shape;
  const blocks = config.convFilters.map((filters, i) =>
    convBlock(rng, config.convFilters[i - 1] ?? shape.channels, filters, config, i),
  );
  const pooled = (side: number) => pooledSide(side, config.convFilters.length);
  const features =
    pooled(shape.rows) *
    pooled(shape.cols) *
    (config.convFilters[config.convFilters.length - 1] ?? shape.channels);
  const denseKernel = fanInUniform(rng, [features, classes], features);
  const denseBias = fanInUniform(rng, [classes], features);
  const trainable = [
    ...blocks.flatMap((b) => [b.kernel, b.bias, ...b.norm.trainable]),
    denseKernel,
    denseBias,
  ];
  const state = blocks.flatMap((b) => b.norm.state);
  const blogLayout = config.placement === 'blog-layout';
  const maxPool2x2 = createMaxPool2x2();
  const layers: LayerInfo[] = [];
  let index = 0;
  blocks.forEach((block, i) => {
    const count = 2 + block.norm.trainable.length;
    layers.push({
      name: `conv ${i + 1}`,
      weight: index,
      params: Array.from({ length: count }, (_, k) => index + k),
    });
    index += count;
  });
  layers.push({ name: 'dense', weight: index, params: [index, index + 1] });

  return {
    trainable,
    state,
    layers,
    forward(
      x,
      { mode, noise = mode === 'train' ? 'draw' : 'off', weights = trainable, activation },
    ) {
      const relus: tf.Tensor4D[] = [];
      const preNorm: tf.Tensor4D[] = [];
      const pass = { mode, noise };
      let h = x;
      blocks.forEach((block, i) => {
        // An activation override makes the blocks before it irrelevant to the loss: skip them.
        if (activation && i < activation.block) return;
        const overridden = activation?.block === i ? activation.value : null;
        const layer = layers[i] as LayerInfo;
        const [kernel, bias, ...normWeights] = layer.params.map((p) => weights[p] as tf.Tensor);
        const conv = () =>
          tf.add(tf.conv2d(h, kernel as tf.Tensor4D, 1, 'same'), bias as tf.Tensor) as tf.Tensor4D;
        if (blogLayout) {
          let pooled = overridden;
          if (!pooled) {
            const relu = tf.relu(conv()) as tf.Tensor4D;
            pooled = maxPool2x2(relu);
            relus.push(coversAll(relu) ? pooled : relu);
          }
          preNorm.push(pooled);
          h = block.norm.apply(pooled, pass, normWeights);
        } else {
          const z = overridden ?? conv();
          preNorm.push(z);
          const relu = tf.relu(block.norm.apply(z, pass, normWeights));
          h = maxPool2x2(relu);
          relus.push(coversAll(relu) ? h : relu);
        }
      });
      const dense = layers[layers.length - 1] as LayerInfo;
      const [kernel, bias] = dense.params.map((p) => weights[p] as tf.Tensor);
      const flat = tf.reshape(h, [h.shape[0], features]) as tf.Tensor2D;
      const logits = denseLayer(flat, kernel as tf.Tensor2D, bias as tf.Tensor1D);
      return { logits, relus, preNorm };
    },
    noiseStates: () => blocks.map((b) => b.norm.randomState?.() ?? null),
    setNoiseStates(states) {
      blocks.forEach((b, i) => {
        const saved = states[i];
        if (saved) b.norm.setRandomState?.(saved);
      });
    },
    dispose() {
      for (const v of [...trainable, ...state]) v.dispose();
      for (const block of blocks) block.norm.dispose?.();
      maxPool2x2.dispose();
    },
  };
}
