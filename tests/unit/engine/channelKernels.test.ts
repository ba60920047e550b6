/**
 * wasm's per-channel kernels (x + v, x * v, x - v as 1x1 depthwise convs, and sums over every axis
 * but the last as a product with ones) against the cpu backend's stock kernels, on the cases they
 * take and on the ones they hand back to the stock kernel; and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import { channelKernelCalls } from '../../../src/engine/kernels/channelKernels';
import { Prng } from '../../../src/engine/random/prng';

beforeAll(async () => {
  registerCpuAndWasm();
  await tf.setBackend('wasm');
});

const rng = new Prng(7);
const random = (shape: number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

/** The op's values on wasm (the fast kernels) and on cpu (stock), with their shapes. */
async function onBoth(op: () => tf.Tensor) {
  const fastBefore = channelKernelCalls.fast;
  const fast = tf.tidy(op);
  const tookFastPath = channelKernelCalls.fast > fastBefore;
  tf.setBackend('cpu');
  const stock = tf.tidy(op);
  await tf.setBackend('wasm');
  return {
    tookFastPath,
    fast: { shape: fast.shape, values: fast.dataSync() },
    stock: { shape: stock.shape, values: stock.dataSync() },
  };
}

function expectClose(
  got: { shape: number[]; values: ArrayLike<number> },
  want: { shape: number[]; values: ArrayLike<number> },
  tolerance: number,
) {
  expect(got.shape).toEqual(want.shape);
  const worst = Array.from(got.values).reduce(
    (m, v, i) => Math.max(m, Math.abs(v - (want.values[i] as number))),
    0,
  );
  expect(worst).toBeLessThanOrEqual(tolerance);
}

const X = [3, 5, 4, 6];
const xs = random(X);
const vs = random([6]);
const x = () => tf.tensor(xs, X);
const v = () => tf.tensor(vs, [6]);

describe('per-channel Add, Multiply and Sub on wasm', () => {
  it.each([
    ['x + v', () => tf.add(x(), v())],
    ['v + x', () => tf.add(v(), x())],
    ['x * v', () => tf.mul(x(), v())],
    ['v * x', () => tf.mul(v(), x())],
    ['x - v', () => tf.sub(x(), v())],
    ['v - x (stock)', () => tf.sub(v(), x())],
    ['x + x (stock)', () => tf.add(x(), x())],
    ['x + scalar (stock)', () => tf.add(x(), 2)],
    ['rank 2 (stock)', () => tf.add(tf.reshape(x(), [-1, 6]), v())],
  ])('%s equals the stock kernel exactly', async (name, op) => {
    const { fast, stock, tookFastPath } = await onBoth(op);
    expect(tookFastPath).toBe(!name.endsWith('(stock)'));
    expectClose(fast, stock, 0);
  });

  it('keeps int32 inputs on the stock kernel', async () => {
    const { fast, stock, tookFastPath } = await onBoth(() =>
      tf.add(
        tf.tensor([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2], 'int32'),
        tf.tensor([10, 20], [2], 'int32'),
      ),
    );
    expect(tookFastPath).toBe(false);
    expect(Array.from(fast.values)).toEqual(Array.from(stock.values));
  });
});

/** An activation-sized tensor of 8 channels. */
const WIDE: [number, number, number, number] = [3, 29, 28, 8];
const wideValues = random(WIDE);
const wide = () => tf.tensor4d(wideValues, WIDE);

describe('Sum over every axis but the last on wasm', () => {
  it.each([
    ['axes [0, 1, 2]', () => tf.sum(x(), [0, 1, 2])],
    ['axes [2, 0, 1] keepDims', () => tf.sum(x(), [2, 0, 1], true)],
    ['axes [-4, -3, -2]', () => tf.sum(x(), [-4, -3, -2])],
    ['rank 2, axis 0', () => tf.sum(tf.reshape(x(), [-1, 6]), 0)],
    ['axes [1, 2] (stock)', () => tf.sum(x(), [1, 2])],
    ['last axis (stock)', () => tf.sum(x(), -1)],
    ['all axes (stock)', () => tf.sum(x())],
    ['rank 2, no axis given (stock)', () => tf.sum(tf.reshape(x(), [-1, 6]))],
    ['rank 2, axes [0, 1] (stock)', () => tf.sum(tf.reshape(x(), [-1, 6]), [0, 1])],
    // 8 channels: our SIMD column sums, over 2,436 rows (not a whole number of its 64-row blocks).
    ['8 channels, axes [0, 1, 2]', () => tf.sum(wide(), [0, 1, 2])],
    ['8 channels, keepDims', () => tf.sum(wide(), [0, 1, 2], true)],
    ['8 channels, all zeros', () => tf.sum(tf.zeros([3, 29, 28, 8]), [0, 1, 2])],
  ])('%s equals the stock sum', async (name, op) => {
    const { fast, stock, tookFastPath } = await onBoth(op);
    expect(tookFastPath).toBe(!name.endsWith('(stock)'));
    // Added in another order: float32 rounding only (cpu's stock sum adds 2,436 rows in order
    // in float32 for the 8-channel cases: about 1e-5 off on sums of size ~50).
    expectClose(fast, stock, name.startsWith('8 channels') ? 1e-4 : 1e-5);
  });

  it('leaves no tensor behind after many calls, beyond the ones it keeps', () => {
    const all = () =>
      tf.tidy(() => {
        tf.sum(x(), [0, 1, 2]);
        tf.add(x(), v());
        tf.sub(x(), v());
        tf.mul(x(), v());
      });
    const start = tf.engine().backend.numDataIds();
    all();
    // Kept at most: the ones filter of 6 channels and the column of ones of 60 rows.
    const warm = tf.engine().backend.numDataIds();
    expect(warm - start).toBeLessThanOrEqual(2);
    for (let i = 0; i < 20; i++) all();
    expect(tf.engine().backend.numDataIds()).toBe(warm);
  });
});

describe('Max over every axis but the last on wasm', () => {
  /** A post-ReLU activation: a third of it exactly zero, as the dead-channel fraction reads it. */
  const relued = () => tf.relu(tf.sub(wide(), 0.5));
  /** Rows of [c] values as a [rows, 1, 1, c] tensor. */
  const rows = (values: number[][]) => tf.tensor(values.flat(), [values.length, 1, 1, 4]);
  it.each([
    ['8 channels, axes [0, 1, 2]', () => tf.max(wide(), [0, 1, 2])],
    ['8 channels, keepDims', () => tf.max(wide(), [0, 1, 2], true)],
    ['rank 2, axis 0', () => tf.max(tf.reshape(wide(), [-1, 8]), 0)],
    ['after a ReLU: ties at zero', () => tf.max(relued(), [0, 1, 2])],
    ['a blank tensor', () => tf.max(tf.zeros([2, 7, 7, 16]), [0, 1, 2])],
    ['every value negative', () => tf.max(tf.sub(tf.neg(tf.abs(wide())), 1), [0, 1, 2])],
    [
      'zeros of both signs: the first stays',
      () =>
        tf.max(
          rows([
            [-0, 0, -0, 0],
            [0, -0, -0, 0],
          ]),
          [0, 1, 2],
        ),
    ],
    [
      'a NaN in the first row counts',
      () =>
        tf.max(
          rows([
            [NaN, 1, 2, 3],
            [5, 5, 5, 5],
          ]),
          [0, 1, 2],
        ),
    ],
    [
      'a NaN in a later row does not',
      () =>
        tf.max(
          rows([
            [1, 2, 3, 4],
            [NaN, 9, NaN, 0],
          ]),
          [0, 1, 2],
        ),
    ],
    ['6 channels (stock)', () => tf.max(x(), [0, 1, 2])],
    ['axes [1, 2] (stock)', () => tf.max(wide(), [1, 2])],
    ['every axis (stock)', () => tf.max(wide())],
  ])('%s equals the stock max', async (name, op) => {
    const { fast, stock, tookFastPath } = await onBoth(op);
    expect(tookFastPath).toBe(!name.endsWith('(stock)'));
    expect(fast.shape).toEqual(stock.shape);
    // Exactly: a maximum picks one of the values (toEqual tells 0 from -0 and matches NaN).
    expect(Array.from(fast.values)).toEqual(Array.from(stock.values));
  });
});
