/**
 * The blog's MNIST network: conv 5x5 (8) -> [norm] -> ReLU -> maxpool 2 -> conv 5x5 (16) -> [norm]
 * -> ReLU -> maxpool 2 -> flatten -> dense 10. 'same' padding, so 28x28 -> 14x14 -> 7x7.
 * In 'blog-layout' placement each norm comes after ReLU and pooling instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../../shared/runConfig';
import type { Prng } from '../random/prng';
import { fanInUniform } from './init';
import { NORMALIZATION_REGISTRY, type ForwardMode, type NormLayer } from './normalizations';

/** Input image side, pixels. */
export const IMAGE_SIDE = 28;
/** Output classes (digits). */
export const CLASSES = 10;
/** Max-pooling window and stride. */
const POOL = 2;

export interface ForwardOutput {
  /** Unnormalized class scores, [batch, 10]. */
  logits: tf.Tensor2D;
  /** Post-ReLU activations of each conv block, for dead-unit counts. */
  relus: tf.Tensor4D[];
}

export interface Network {
  /** Every trainable variable, in a fixed order. */
  readonly trainable: tf.Variable[];
  /** Non-trainable state (BN running statistics). */
  readonly state: tf.Variable[];
  forward(x: tf.Tensor4D, mode: ForwardMode): ForwardOutput;
  dispose(): void;
}

interface ConvBlock {
  kernel: tf.Variable;
  bias: tf.Variable;
  norm: NormLayer;
}

function convBlock(rng: Prng, inC: number, outC: number, config: ModelConfig): ConvBlock {
  const k = config.kernelSize;
  const fanIn = k * k * inC;
  return {
    kernel: fanInUniform(rng, [k, k, inC, outC], fanIn),
    bias: fanInUniform(rng, [outC], fanIn),
    norm: NORMALIZATION_REGISTRY[config.normalization].create(outC, config),
  };
}

/** Build the network with weights drawn from `rng`. */
export function buildCnn(config: ModelConfig, rng: Prng): Network {
  const blocks = [
    convBlock(rng, 1, config.conv1Filters, config),
    convBlock(rng, config.conv1Filters, config.conv2Filters, config),
  ];
  const side = IMAGE_SIDE / POOL / POOL;
  const features = side * side * config.conv2Filters;
  const denseKernel = fanInUniform(rng, [features, CLASSES], features);
  const denseBias = fanInUniform(rng, [CLASSES], features);
  const trainable = [
    ...blocks.flatMap((b) => [b.kernel, b.bias, ...b.norm.trainable]),
    denseKernel,
    denseBias,
  ];
  const state = blocks.flatMap((b) => b.norm.state);
  const blogLayout = config.placement === 'blog-layout';

  function runBlock(block: ConvBlock, x: tf.Tensor4D, mode: ForwardMode, relus: tf.Tensor4D[]) {
    const z = tf.add(
      tf.conv2d(x, block.kernel as tf.Tensor4D, 1, 'same'),
      block.bias,
    ) as tf.Tensor4D;
    if (blogLayout) {
      const relu = tf.relu(z);
      relus.push(relu);
      return block.norm.apply(tf.maxPool(relu, POOL, POOL, 'valid'), mode);
    }
    const relu = tf.relu(block.norm.apply(z, mode));
    relus.push(relu);
    return tf.maxPool(relu, POOL, POOL, 'valid');
  }

  return {
    trainable,
    state,
    forward(x, mode) {
      const relus: tf.Tensor4D[] = [];
      let h = x;
      for (const block of blocks) h = runBlock(block, h, mode, relus);
      const flat = tf.reshape(h, [h.shape[0], features]) as tf.Tensor2D;
      const logits = tf.add(tf.matMul(flat, denseKernel), denseBias) as tf.Tensor2D;
      return { logits, relus };
    },
    dispose() {
      for (const v of [...trainable, ...state]) v.dispose();
    },
  };
}
