/**
 * The max-pool gradient: one position per window, its first maximum in row-major order, as tfjs's
 * stock MaxPoolGrad does; ties at positive values (blank MNIST background) included.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { gatherBatch } from '../../../src/engine/data/batches';
import { buildCnn, IMAGE_SIDE } from '../../../src/engine/model/cnn';
import { crossEntropy } from '../../../src/engine/model/loss';
import { arrayKernelCalls } from '../../../src/engine/kernels/arrayKernels';
import { createMaxPool2x2 } from '../../../src/engine/model/maxPool';
import { Prng } from '../../../src/engine/random/prng';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';

type Shape4 = [number, number, number, number];

/** The pool under test (its kept rank tensors live as long as the test file). */
const maxPool2x2 = createMaxPool2x2();

/** Central-difference step on a conv-1 bias. */
const FD_STEP = 1e-3;
/** Absolute slack of the difference quotient of float32 losses (rounding of sums over 20 digits). */
const FD_TOLERANCE = 1e-3;

/** d sum(pool(x)) / dx for one 2x2 window holding `cells` (row-major), one image, one channel. */
async function windowGradient(cells: number[]): Promise<number[]> {
  const x = tf.tensor4d(cells, [1, 2, 2, 1]);
  return Array.from(
    await tf
      .grad((v: tf.Tensor) => tf.sum(maxPool2x2(v as tf.Tensor4D)))(x)
      .data(),
  );
}

/** Equal values, element by element (+0 and -0 count as equal: a zero gradient either way). */
function expectSameNumbers(a: ArrayLike<number>, b: ArrayLike<number>) {
  expect(a.length).toBe(b.length);
  const differing = Array.from(a).flatMap((v, i) => (v === b[i] ? [] : [[i, v, b[i]]]));
  expect(differing).toEqual([]);
}

/** How many 2x2 windows of `x` (NHWC, even sides) hold four equal positive values. */
async function positiveTieWindows(x: tf.Tensor4D): Promise<number> {
  const [n, h, w, c] = x.shape;
  const v = await x.data();
  const at = (b: number, r: number, col: number, ch: number) =>
    v[((b * h + r) * w + col) * c + ch]!;
  let ties = 0;
  for (let b = 0; b < n; b++)
    for (let r = 0; r < h; r += 2)
      for (let col = 0; col < w; col += 2)
        for (let ch = 0; ch < c; ch++) {
          const first = at(b, r, col, ch);
          const cells = [at(b, r, col + 1, ch), at(b, r + 1, col, ch), at(b, r + 1, col + 1, ch)];
          if (first > 0 && cells.every((cell) => cell === first)) ties += 1;
        }
  return ties;
}

describe.each(['wasm', 'cpu'] as const)('maxPool2x2 on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('sends a constant window’s gradient to its first position, at positive values too', async () => {
    expect(await windowGradient([0.5, 0.5, 0.5, 0.5])).toEqual([1, 0, 0, 0]);
    expect(await windowGradient([3, 3, 3, 3])).toEqual([1, 0, 0, 0]);
    expect(await windowGradient([0, 0, 0, 0])).toEqual([1, 0, 0, 0]);
    expect(await windowGradient([-2, -2, -2, -2])).toEqual([1, 0, 0, 0]);
  });

  it.each([
    [
      [0.2, 0.7, 0.7, 0.1],
      [0, 1, 0, 0],
    ],
    [
      [0.7, 0.2, 0.1, 0.7],
      [1, 0, 0, 0],
    ],
    [
      [0.1, 0.2, 0.8, 0.8],
      [0, 0, 1, 0],
    ],
    [
      [0.3, 0.9, 0.9, 0.9],
      [0, 1, 0, 0],
    ],
    [
      [0.9, 0.1, 0.9, 0.9],
      [1, 0, 0, 0],
    ],
    [
      [0.4, 0.4, 0.4, 0.6],
      [0, 0, 0, 1],
    ],
  ])('ties %j: the gradient goes to the first maximum only', async (cells, expected) => {
    expect(await windowGradient(cells)).toEqual(expected);
  });

  it.each([[[3, 8, 8, 4]], [[2, 7, 9, 3]]] as [Shape4][])(
    'equals tfjs-cpu’s stock gradient on inputs full of positive ties (%j)',
    async (shape) => {
      const rng = new Prng(11);
      const size = shape.reduce((a, b) => a * b);
      // Values in {0, 0.5, 1}: most windows hold two or more equal maxima.
      const x = tf.tensor4d(
        Float32Array.from({ length: size }, () => 0.5 * rng.int(3)),
        shape,
      );
      const outShape = tf.maxPool(x, 2, 2, 'valid').shape;
      const weights = tf.tensor(
        Float32Array.from({ length: outShape.reduce((a, b) => a * b) }, () => rng.normal()),
        outShape,
      );
      const lossWith = (pool: (v: tf.Tensor4D) => tf.Tensor4D) => (v: tf.Tensor) =>
        tf.sum(tf.mul(pool(v as tf.Tensor4D), weights));
      const stockPool = (v: tf.Tensor4D) => tf.maxPool(v, 2, 2, 'valid');
      const ours = await tf.grad(lossWith(maxPool2x2))(x).data();
      // tfjs-cpu's kernel takes the first maximum; tfjs-wasm's own takes the last, so cpu's is the
      // reference on both backends.
      await useBackend('cpu');
      const stock = await tf.grad(lossWith(stockPool))(x).data();
      await useBackend(backend);
      // Each window sends its gradient to exactly one position, so 3/4 of a covered input gets none.
      expect(Array.from(stock).filter((g) => g !== 0).length).toBeLessThanOrEqual(size / 4);
      expectSameNumbers(ours, stock);
    },
  );

  it.each([
    ['random values', [2, 6, 6, 8], (rng: Prng) => rng.normal()],
    ['ties in {0, 0.5, 1}, odd sides', [2, 7, 9, 8], (rng: Prng) => 0.5 * rng.int(3)],
    ['a blank image (all zeros)', [1, 4, 4, 4], () => 0],
    ['three channels (no SIMD lanes)', [2, 5, 6, 3], (rng: Prng) => 0.5 * rng.int(3)],
  ] as [string, Shape4, (rng: Prng) => number][])(
    'gives the same gradient as the op-composed path: %s',
    async (_, shape, draw) => {
      const rng = new Prng(5);
      const size = shape.reduce((a, b) => a * b);
      const x = tf.tensor4d(
        Float32Array.from({ length: size }, () => draw(rng)),
        shape,
      );
      const outShape = tf.maxPool(x, 2, 2, 'valid').shape;
      const weights = tf.tensor(
        Float32Array.from({ length: outShape.reduce((a, b) => a * b) }, () => rng.normal()),
        outShape,
      );
      const gradientOf = (pool: (v: tf.Tensor4D) => tf.Tensor4D) =>
        tf
          .grad((v: tf.Tensor) => tf.sum(tf.mul(pool(v as tf.Tensor4D), weights)))(x)
          .data();
      const byOps = createMaxPool2x2('ops');
      const calls = { ...arrayKernelCalls };
      const ours = await gradientOf(maxPool2x2);
      // wasm runs the SIMD kernel where the channels fill its lanes, else the loop; cpu the loop.
      const simd = backend === 'wasm' && shape[3] % 4 === 0;
      expect(arrayKernelCalls.simd - calls.simd).toBe(simd ? 1 : 0);
      expect(arrayKernelCalls.js - calls.js).toBe(simd ? 0 : 1);
      expectSameNumbers(ours, await gradientOf(byOps));
      byOps.dispose();
    },
  );

  it('keeps one rank tensor per shape for its op-composed gradient, and frees it on dispose', () => {
    const pool = createMaxPool2x2('ops');
    const x = tf.ones([2, 6, 6, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const gradient = tf.grad((v: tf.Tensor) => tf.sum(pool(v as tf.Tensor4D)));
    for (let i = 0; i < 3; i++) gradient(x).dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
    pool.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('equals the definition on an input without ties, odd sizes included', async () => {
    const rng = new Prng(4);
    const [n, h, w, c] = [2, 6, 5, 2];
    const values = Float32Array.from({ length: n * h * w * c }, () => rng.normal());
    const x = tf.tensor4d(values, [n, h, w, c]);
    const ours = await tf
      .grad((v: tf.Tensor) => tf.sum(tf.square(maxPool2x2(v as tf.Tensor4D))))(x)
      .data();
    // d/dx sum(max^2) is 2 max at each window's argmax, 0 elsewhere (the odd last column included).
    const expected = new Float32Array(values.length);
    const at = (b: number, r: number, col: number, ch: number) => ((b * h + r) * w + col) * c + ch;
    for (let b = 0; b < n; b++)
      for (let i = 0; i + 1 < h; i += 2)
        for (let j = 0; j + 1 < w; j += 2)
          for (let ch = 0; ch < c; ch++) {
            const cells = [
              at(b, i, j, ch),
              at(b, i, j + 1, ch),
              at(b, i + 1, j, ch),
              at(b, i + 1, j + 1, ch),
            ];
            const best = cells.reduce((m, k) => (values[k]! > values[m]! ? k : m));
            expected[best] = 2 * values[best]!;
          }
    expectSameNumbers(ours, expected);
  });
});

describe('the plain CNN on real digits (cpu)', () => {
  beforeAll(() => useBackend('cpu'));

  it('has conv-1 bias gradients that match central differences, blank regions and all', async () => {
    const count = 20;
    const batch = gatherBatch(
      loadMnist(),
      Array.from({ length: count }, (_, i) => i),
    );
    const xs = tf.tensor4d(batch.images, [count, IMAGE_SIDE, IMAGE_SIDE, 1]);
    const y = tf.tensor1d(batch.labels, 'int32');
    const network = buildCnn(runConfig().model, new Prng(5));
    const bias = network.trainable[1] as tf.Variable;
    const loss = () => crossEntropy(network.forward(xs, { mode: 'probe' }).logits, y);
    // Blank background: many windows of conv 1's ReLU output tie at a positive value.
    const kernel = network.trainable[0] as tf.Tensor4D;
    const relu1 = tf.relu(tf.add(tf.conv2d(xs, kernel, 1, 'same'), bias)) as tf.Tensor4D;
    expect(await positiveTieWindows(relu1)).toBeGreaterThan(1000);
    const { grads } = tf.variableGrads(loss, [bias]);
    const analytic = Array.from(await grads[bias.name]!.data());
    const base = Array.from(await bias.data());
    const eps = FD_STEP;
    const lossWithBias = async (values: number[]) => {
      bias.assign(tf.tensor1d(values));
      return (await loss().data())[0]!;
    };
    const numeric: number[] = [];
    for (let k = 0; k < base.length; k++) {
      const up = await lossWithBias(base.map((b, i) => (i === k ? b + eps : b)));
      const down = await lossWithBias(base.map((b, i) => (i === k ? b - eps : b)));
      numeric.push((up - down) / (2 * eps));
    }
    bias.assign(tf.tensor1d(base));
    // Float32 losses: a difference quotient carries ~1e-4 of rounding; a doubled gradient is far off.
    analytic.forEach((g, k) => {
      expect(Math.abs(g - numeric[k]!)).toBeLessThan(FD_TOLERANCE + 0.02 * Math.abs(numeric[k]!));
    });
    network.dispose();
  });
});
