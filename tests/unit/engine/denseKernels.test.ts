/**
 * The dense layer's kernels (wasm SIMD where the inner dimension is a multiple of 4, else the JS
 * loop; the loop on cpu) against products written here in float64: the value and the gradients of
 * sum(u * (x w + b)) for x, w and b.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { arrayKernelCalls } from '../../../src/engine/kernels/arrayKernels';
import { dense } from '../../../src/engine/model/dense';
import { Prng } from '../../../src/engine/random/prng';
import { useBackend } from '../../helpers/engine';

/** [m, k, n]: batch, inputs, outputs. */
const SHAPES: [string, [number, number, number], number][] = [
  ['the CNN head at batch 20', [20, 784, 10], 1],
  ['the CNN head at batch 64', [64, 784, 10], 1],
  ['an inner dimension of 6 (no SIMD lanes)', [3, 6, 5], 1],
  ['all-zero inputs', [4, 8, 3], 0],
];

/** a [r, c] times b [c, s], row-major, in float64. */
function product(a: ArrayLike<number>, b: ArrayLike<number>, r: number, c: number, s: number) {
  const out = new Float64Array(r * s);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < s; j++) {
      let sum = 0;
      for (let q = 0; q < c; q++) sum += a[i * c + q]! * b[q * s + j]!;
      out[i * s + j] = sum;
    }
  return out;
}

/** a [r, c] transposed. */
function transposed(a: ArrayLike<number>, r: number, c: number) {
  return Float64Array.from({ length: r * c }, (_, i) => a[(i % r) * c + Math.floor(i / r)]!);
}

/** Largest |a - b| relative to b's largest entry (at least 1). */
function worstError(a: ArrayLike<number>, b: ArrayLike<number>) {
  const scale = Math.max(1, ...Array.from(b, Math.abs));
  return Array.from(a).reduce((w, v, i) => Math.max(w, Math.abs(v - b[i]!) / scale), 0);
}

describe.each(['wasm', 'cpu'] as const)('dense kernels on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(SHAPES)('value and gradients: %s', async (_, [m, k, n], spread) => {
    const rng = new Prng(13);
    const draw = (size: number) => Float32Array.from({ length: size }, () => spread * rng.normal());
    const [xs, ws, bs, us] = [draw(m * k), draw(k * n), draw(n), draw(m * n)];
    const u = tf.tensor2d(us, [m, n]);
    const calls = { ...arrayKernelCalls };
    const y = await dense(tf.tensor2d(xs, [m, k]), tf.tensor2d(ws, [k, n]), tf.tensor1d(bs)).data();
    const [dx, dw, db] = tf.grads((x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), u)),
    )([tf.tensor2d(xs, [m, k]), tf.tensor2d(ws, [k, n]), tf.tensor1d(bs)]);
    // Two forwards and one backward, all SIMD or all loops.
    const simd = backend === 'wasm' && k % 4 === 0;
    expect(arrayKernelCalls.simd - calls.simd).toBe(simd ? 3 : 0);
    expect(arrayKernelCalls.js - calls.js).toBe(simd ? 0 : 3);
    const expectedY = product(xs, ws, m, k, n).map((v, i) => v + bs[i % n]!);
    const expectedDx = product(us, transposed(ws, k, n), m, n, k);
    const expectedDw = product(transposed(xs, m, k), us, k, m, n);
    const expectedDb = Float64Array.from({ length: n }, (__, j) =>
      Array.from({ length: m }, (___, i) => us[i * n + j]!).reduce((a, b) => a + b, 0),
    );
    // Float32 sums of up to 784 products: about 1e-6 relative to the largest entry.
    expect(worstError(y, expectedY)).toBeLessThan(1e-5);
    expect(worstError(await dx!.data(), expectedDx)).toBeLessThan(1e-5);
    expect(worstError(await dw!.data(), expectedDw)).toBeLessThan(1e-5);
    expect(worstError(await db!.data(), expectedDb)).toBeLessThan(1e-5);
  });

  it('leaves no tensor behind', () => {
    const x = tf.ones([2, 8]) as tf.Tensor2D;
    const w = tf.ones([8, 3]) as tf.Tensor2D;
    const b = tf.zeros([3]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const gradients = tf.grads((xi: tf.Tensor, wi: tf.Tensor) =>
      tf.sum(dense(xi as tf.Tensor2D, wi as tf.Tensor2D, b)),
    );
    for (let i = 0; i < 3; i++) for (const g of gradients([x, w])) g.dispose();
    tf.tidy(() => {
      dense(x, w, b);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
