/**
 * The ReLU gradient as one kernel: on wasm (SIMD, and the JavaScript loop for sizes off the lanes)
 * and cpu it gives exactly tfjs's mul(dy, step(x)), at zeros, negatives, NaN and a negative dy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import '../../../src/engine/gradients';
import { arrayKernelCalls } from '../../../src/engine/kernels/arrayKernels';
import { Prng } from '../../../src/engine/random/prng';

beforeAll(() => registerCpuAndWasm());

const rng = new Prng(11);

/** x with every awkward value: exact zeros (a third), both zero signs, NaN, tiny and huge values. */
function awkward(size: number): Float32Array {
  const special = [0, -0, NaN, 1e-30, -1e-30, 3e38, -3e38];
  return Float32Array.from({ length: size }, (_, i) =>
    i < special.length ? special[i]! : i % 3 === 0 ? 0 : rng.normal(),
  );
}

/** The gradient of sum(relu(x) * dy) with respect to x: dy through the ReLU. */
const reluBackward = (x: tf.Tensor, dy: tf.Tensor) =>
  tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.relu(input), dy)))(x);

describe.each(['wasm', 'cpu'])('the ReLU gradient on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([
    ['an NHWC activation (SIMD on wasm)', [2, 6, 6, 8], true],
    ['a size off the SIMD lanes (a loop)', [3, 5, 7], false],
  ] as const)('%s: exactly dy * step(x)', (_name, shape, lanes) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const x = tf.tensor(awkward(size), [...shape]);
    const dy = tf.tensor(
      Float32Array.from({ length: size }, () => rng.normal()),
      [...shape],
    );
    const before = { ...arrayKernelCalls };
    const ours = reluBackward(x, dy);
    const simdRuns = arrayKernelCalls.simd - before.simd;
    expect(simdRuns).toBe(backend === 'wasm' && lanes ? 1 : 0);
    expect(arrayKernelCalls.js - before.js).toBe(backend === 'wasm' && lanes ? 0 : 1);
    const stock = tf.mul(dy, tf.cast(tf.step(x), 'float32'));
    // toEqual tells -0 from 0 (0 * a negative dy) and matches NaN to NaN.
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
    const values = ours.dataSync();
    expect(Number.isNaN(values[2])).toBe(true);
    tf.dispose([x, dy, ours, stock]);
  });

  it('matches finite differences away from the kink', () => {
    const xs = [-1.5, -0.2, 0.3, 2, 0.7, -3, 1.1, -0.4];
    const dys = [0.5, -2, 3, -0.25, 1, 1, -1, 2];
    const x = tf.tensor(xs, [1, 2, 1, 4]);
    const dy = tf.tensor(dys, [1, 2, 1, 4]);
    const grad = reluBackward(x, dy).dataSync();
    const h = 1e-3;
    xs.forEach((v, i) => {
      const f = (t: number) => Math.max(t, 0) * dys[i]!;
      expect(grad[i]).toBeCloseTo((f(v + h) - f(v - h)) / (2 * h), 4);
    });
    tf.dispose([x, dy]);
  });

  it('leaves no tensor behind', () => {
    const x = tf.randomNormal([2, 4, 4, 8]);
    const dy = tf.randomNormal([2, 4, 4, 8]);
    reluBackward(x, dy).dispose();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) reluBackward(x, dy).dispose();
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([x, dy]);
  });
});
