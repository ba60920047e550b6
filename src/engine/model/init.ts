import * as tf from '@tensorflow/tfjs-core';
import type { Prng } from '../random/prng';

/**
 * PyTorch's default initialization for conv and dense layers: weights and biases uniform in
 * [-1/sqrt(fanIn), 1/sqrt(fanIn)] (kaiming_uniform with a = sqrt(5)). Matches the PyTorch reference
 * runs the design's stability findings come from. Drawn from our PRNG, never tfjs's initializers.
 */
export function fanInUniform(rng: Prng, shape: number[], fanIn: number): tf.Variable {
  const bound = 1 / Math.sqrt(fanIn);
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.uniform(-bound, bound);
  return variableFrom(tf.tensor(values, shape, 'float32'));
}

/** A 1-D trainable (or, with `trainable` false, state) variable filled with one value. */
export function constantVector(
  length: number,
  value: number,
  trainable = true,
): tf.Variable<tf.Rank.R1> {
  return variableFrom(tf.fill<tf.Rank.R1>([length], value, 'float32'), trainable);
}

/** A variable holding `initial`'s values; `initial` itself is freed (tf.variable keeps it alive). */
function variableFrom<R extends tf.Rank>(initial: tf.Tensor<R>, trainable = true): tf.Variable<R> {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}
