/**
 * BN's forward and backward kernels (wasm SIMD where channels fill its lanes, else the JS loop; the
 * loop on cpu) against float64 sums written here and against autodiff through tf.moments, on the
 * awkward inputs real activations have: a constant channel (variance 0), an all-zero batch, values
 * far from zero with small spread (where one-pass float32 variance fails), row counts not a multiple
 * of the SIMD build's 64-row blocks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { arrayKernelCalls, runArrayKernel } from '../../../src/engine/kernels/arrayKernels';
import { batchNormForward } from '../../../src/engine/kernels/batchNormKernels';
import { Prng } from '../../../src/engine/random/prng';
import { useBackend } from '../../helpers/engine';

type Shape4 = [number, number, number, number];

const EPSILON = 1e-5;

/** Inputs by name: values of x for a shape, from a seeded generator. */
const INPUTS: [string, Shape4, (rng: Prng, channel: number) => number][] = [
  ['random normal values', [2, 28, 28, 8], (rng) => rng.normal()],
  [
    'a constant channel beside varying ones',
    [3, 5, 7, 8],
    (rng, ch) => (ch === 2 ? 0.5 : rng.normal()),
  ],
  ['an all-zero batch', [2, 4, 4, 8], () => 0],
  ['values near 1000 with spread 0.01', [4, 14, 14, 16], (rng) => 1000 + 0.01 * rng.normal()],
  ['three channels', [2, 9, 9, 3], (rng) => rng.normal()],
];

/** Per-channel mean and biased variance in float64. */
function float64Stats(values: Float32Array, c: number) {
  const m = values.length / c;
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let i = 0; i < values.length; i++) mean[i % c]! += values[i]! / m;
  for (let i = 0; i < values.length; i++) variance[i % c]! += (values[i]! - mean[i % c]!) ** 2 / m;
  return { mean, variance };
}

/** |a - b| <= tolerance * (1 + |b|) for every element. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  const worst = Array.from(actual).reduce(
    (w, v, i) => Math.max(w, Math.abs(v - expected[i]!) / (1 + Math.abs(expected[i]!))),
    0,
  );
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe.each(['wasm', 'cpu'] as const)('BN kernels on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it.each(INPUTS)('forward statistics and output: %s', async (_, shape, draw) => {
    const rng = new Prng(3);
    const c = shape[3];
    const size = shape.reduce((a, b) => a * b);
    const values = Float32Array.from({ length: size }, (__, i) => draw(rng, i % c));
    const gamma = Float32Array.from({ length: c }, (__, i) => 0.5 + 0.25 * i);
    const beta = Float32Array.from({ length: c }, (__, i) => 0.1 * i - 0.3);
    const calls = { ...arrayKernelCalls };
    const [y, mean, variance, invStd] = runArrayKernel(
      batchNormForward,
      [tf.tensor4d(values, shape), tf.tensor1d(gamma), tf.tensor1d(beta)],
      { epsilon: EPSILON },
    ) as tf.Tensor[];
    const simd = backend === 'wasm' && c % 4 === 0;
    expect(arrayKernelCalls.simd - calls.simd).toBe(simd ? 1 : 0);
    const expected = float64Stats(values, c);
    expectClose(await mean!.data(), expected.mean, 1e-6);
    // The variance to float32 accuracy of the values' spread, even far from zero.
    const spread = Math.max(...expected.variance);
    const v = await variance!.data();
    v.forEach((value, ch) =>
      expect(Math.abs(value - expected.variance[ch]!)).toBeLessThanOrEqual(1e-4 * spread + 1e-12),
    );
    const inv = await invStd!.data();
    expectClose(
      inv,
      Array.from(expected.variance, (s) => 1 / Math.sqrt(s + EPSILON)),
      5e-5,
    );
    const out = await y!.data();
    const reference = Array.from(values, (x, i) => {
      const ch = i % c;
      return (
        ((x - expected.mean[ch]!) * gamma[ch]!) / Math.sqrt(expected.variance[ch]! + EPSILON) +
        beta[ch]!
      );
    });
    // y is (x - mean) * gamma / std with the mean rounded to float32: an error of half an ulp of
    // the mean, magnified by gamma / std (large where the values sit far from zero, close together).
    const meanUlp = Math.max(...Array.from(expected.mean, Math.abs)) * 2 ** -23;
    const magnification = Math.max(
      ...Array.from(gamma, (g, ch) => Math.abs(g) / Math.sqrt(expected.variance[ch]! + EPSILON)),
    );
    expectClose(out, reference, 1e-5 + meanUlp * magnification);
  });

  it.each(INPUTS)('gradients equal the float64 formula: %s', async (_, shape, draw) => {
    const rng = new Prng(8);
    const c = shape[3];
    const size = shape.reduce((a, b) => a * b);
    const m = size / c;
    const values = Float32Array.from({ length: size }, (__, i) => draw(rng, i % c));
    const weights = Float32Array.from({ length: size }, () => rng.normal());
    const gammaValues = Float32Array.from({ length: c }, (__, i) => 0.7 - 0.2 * i);
    const w = tf.tensor4d(weights, shape);
    const byKernel = (input: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const [y] = runArrayKernel(batchNormForward, [input, g, b], { epsilon: EPSILON });
      return tf.sum(tf.mul(y as tf.Tensor, w));
    };
    const calls = { ...arrayKernelCalls };
    const [dx, dgamma, dbeta] = tf.grads(byKernel)([
      tf.tensor4d(values, shape),
      tf.tensor1d(gammaValues),
      tf.tensor1d(Float32Array.from({ length: c }, (__, i) => 0.05 * i)),
    ]);
    // One forward and one backward call, both SIMD or both loops.
    const simd = backend === 'wasm' && c % 4 === 0;
    expect(arrayKernelCalls.simd - calls.simd).toBe(simd ? 2 : 0);
    // Ioffe & Szegedy's gradient for L = sum(w * y), in float64: dbeta = sum w,
    // dgamma = sum w xhat, dx = gamma invStd / m (m w - sum w - xhat sum w xhat).
    const { mean, variance } = float64Stats(values, c);
    const inv = Array.from(variance, (v) => 1 / Math.sqrt(v + EPSILON));
    const xhat = Array.from(values, (x, i) => (x - mean[i % c]!) * inv[i % c]!);
    const sumW = new Float64Array(c);
    const sumWXhat = new Float64Array(c);
    weights.forEach((wi, i) => {
      sumW[i % c]! += wi;
      sumWXhat[i % c]! += wi * xhat[i]!;
    });
    const expectedDx = Array.from(weights, (wi, i) => {
      const ch = i % c;
      return ((gammaValues[ch]! * inv[ch]!) / m) * (m * wi - sumW[ch]! - xhat[i]! * sumWXhat[ch]!);
    });
    // The float32 mean's rounding shifts every xhat of a channel by up to half its ulp / std.
    const meanUlp = Math.max(...Array.from(mean, Math.abs)) * 2 ** -23;
    const shift = meanUlp * Math.max(...inv);
    // Float32 sums over these batches are good to about 1e-6 relative (seen: under 4e-7).
    const tolerance = 1e-5 + 2 * shift;
    const cases: [tf.Tensor | undefined, ArrayLike<number>][] = [
      [dx, expectedDx],
      [dgamma, sumWXhat],
      [dbeta, sumW],
    ];
    for (const [actual, expected] of cases) {
      // Relative to the tensor's largest entry: a constant channel's gradients scale with
      // 1/sqrt(eps).
      const scale = Math.max(1, ...Array.from(expected, Math.abs));
      const got = await actual!.data();
      const worst = Array.from(got).reduce(
        (most, g, k) => Math.max(most, Math.abs(g - expected[k]!) / scale),
        0,
      );
      expect(worst).toBeLessThan(tolerance);
    }
  });
});
