/**
 * Internal covariate shift, paper Definition 2.1. For layer i with weights W_i, on the step's batch:
 *   G  = grad_{W_i} L(W_1, ..., W_k)            all layers at step t,
 *   G' = grad_{W_i} L(W'_1, ..., W'_{i-1}, W_i, ..., W_k)  the layers before i already updated,
 * where W' is after this step's optimizer update. ICS is reported as ||G - G'||_2 and cos(G, G'):
 * how much layer i's gradient changes because the layers feeding it moved. The first layer has
 * nothing before it (G' = G) and is not reported.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gradientsAt, type LossAt } from './gradients';
import { cosine } from './vectorMath';

/** A layer's tensors within the network's parameter list. */
export interface LayerParams {
  name: string;
  /** Index of the layer's weight matrix or kernel, W_i. */
  weight: number;
  /** Indices of every parameter of the layer (weight, bias, normalization's gamma and beta). */
  params: number[];
}

export interface IcsTensors {
  layer: string;
  /** ||G - G'||_2. */
  l2: tf.Scalar;
  /** cos(G, G'). */
  cosine: tf.Scalar;
  /** ||G - G'||_2 / ||G||_2: scale-free, for comparing networks with different gradient scales. */
  relative: tf.Scalar;
}

/**
 * ICS of every layer after the first. `before` are the parameters at step t, `after` after the
 * update, `gradsBefore` the gradients at `before` (the training step's own, same batch and noise).
 */
export function internalCovariateShift(
  lossAt: LossAt,
  before: readonly tf.Tensor[],
  after: readonly tf.Tensor[],
  gradsBefore: readonly tf.Tensor[],
  layers: readonly LayerParams[],
): IcsTensors[] {
  const layerOf = new Map<number, number>();
  layers.forEach((layer, i) => layer.params.forEach((p) => layerOf.set(p, i)));
  return layers.slice(1).map((layer, k) => {
    const i = k + 1;
    const mixed = before.map((w, p) => ((layerOf.get(p) ?? i) < i ? (after[p] as tf.Tensor) : w));
    const g = gradsBefore[layer.weight] as tf.Tensor;
    const [gPrime] = gradientsAt(lossAt, mixed, [layer.weight]).grads as [tf.Tensor];
    const l2 = tf.norm(tf.sub(g, gPrime)) as tf.Scalar;
    return {
      layer: layer.name,
      l2,
      cosine: cosine(g, gPrime),
      relative: tf.div(l2, tf.norm(g)) as tf.Scalar,
    };
  });
}
