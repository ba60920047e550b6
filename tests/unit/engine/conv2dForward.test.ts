/**
 * Our forward conv2d on wasm: against float64 loops over its definition, against XNNPACK's own
 * kernel bit for bit (the plain-SIMD build sums in its order), on the awkward shapes (tails of a
 * row, channel blocks of 16 + 8 + 4, asymmetric pads, no padding, blank input), and which path runs.
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { Conv2D, getKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import { convCalls } from '../../../src/engine/kernels/conv2dForward';
import { backendMemory, fusedConvolutions } from '../../../src/engine/kernels/wasm/heapKernels';
import { Prng } from '../../../src/engine/random/prng';
import { convByLoops, CONV_CASES, relError } from './convFixtures';

/** tfjs-wasm's own (XNNPACK) Conv2D, taken before ours is registered in front of it. */
const xnnpack: KernelConfig | undefined = getKernel(Conv2D, 'wasm');

beforeAll(async () => {
  registerCpuAndWasm();
  expect(await tf.setBackend('wasm')).toBe(true);
});

const random = (rng: Prng, n: number) => Float32Array.from({ length: n }, () => rng.normal());

/** Runs a Conv2D kernel config directly on the wasm backend. */
function runKernel(
  config: KernelConfig,
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  pad: tf.Tensor['shape'] | string,
) {
  const backend = tf.backend();
  const info = config.kernelFunc({
    inputs: { x, filter: w },
    backend,
    attrs: { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] } as never,
  }) as TensorInfo;
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor4D;
}

describe('forward Conv2D on wasm', () => {
  it('the wasm backend ships XNNPACK Conv2D, which ours stands in front of', () => {
    expect(xnnpack).toBeDefined();
    expect(getKernel(Conv2D, 'wasm').kernelFunc).not.toBe(xnnpack?.kernelFunc);
  });

  for (const c of CONV_CASES) {
    it(`matches float64 loops and XNNPACK: ${c.name}`, () => {
      const rng = new Prng(c.name.length * 7919 + 13);
      const xv = c.blank
        ? new Float32Array(c.x.reduce((a, b) => a * b))
        : random(
            rng,
            c.x.reduce((a, b) => a * b),
          );
      const wv = random(
        rng,
        c.w.reduce((a, b) => a * b),
      );
      const x = tf.tensor4d(xv, c.x);
      const w = tf.tensor4d(wv, c.w);
      const before = convCalls.simd;
      const y = tf.conv2d(x, w, 1, c.pad);
      expect(convCalls.simd).toBe(before + 1);
      const ours = y.dataSync() as Float32Array;
      const loops = convByLoops(xv, c.x, wv, c.w, y.shape, c.top, c.left);
      expect(relError(ours, loops)).toBeLessThanOrEqual(1e-5);
      if (c.blank) expect(ours.every((v) => v === 0)).toBe(true);
      if (
        xnnpack &&
        !fusedConvolutions(backendMemory(tf.backend()) ?? { buffer: new ArrayBuffer(0) })
      ) {
        const theirs = runKernel(xnnpack, x, w, c.pad as never);
        expect(theirs.shape).toEqual(y.shape);
        expect(Array.from(ours)).toEqual(Array.from(theirs.dataSync()));
        theirs.dispose();
      }
      tf.dispose([x, w, y]);
    });
  }

  it('one lit pixel in a zero image gives the filter, flipped, around it', () => {
    const x = tf.buffer([1, 5, 6, 1]);
    x.set(1, 0, 2, 3, 0);
    const wv = Float32Array.from({ length: 3 * 3 * 4 }, (_, i) => i + 1);
    const y = tf.conv2d(x.toTensor() as tf.Tensor4D, tf.tensor4d(wv, [3, 3, 1, 4]), 1, 'same');
    const out = y.arraySync()[0]!;
    // y[i, j] = sum over taps (p, q) of x[i + p - 1, j + q - 1] W[p, q]: the pixel at (2, 3) is
    // read by output (2 - p + 1, 3 - q + 1) through tap (p, q).
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++)
        for (let f = 0; f < 4; f++) expect(out[3 - p]![4 - q]![f]).toBe(wv[(p * 3 + q) * 4 + f]);
    expect(out[0]!.flat().every((v) => v === 0)).toBe(true);
  });

  it('strides, dilations and output channels off the lanes take the stock kernel', () => {
    const x = tf.ones([1, 8, 8, 2]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 2, 4]) as tf.Tensor4D;
    const w3 = tf.ones([3, 3, 2, 3]) as tf.Tensor4D;
    const before = { ...convCalls };
    const strided = tf.conv2d(x, w, 2, 'same');
    const dilated = tf.conv2d(x, w, 1, 'same', 'NHWC', 2);
    const odd = tf.conv2d(x, w3, 1, 'same');
    expect(convCalls.simd).toBe(before.simd);
    expect(convCalls.stock).toBe(before.stock + 3);
    expect(strided.shape).toEqual([1, 4, 4, 4]);
    expect(odd.dataSync()[9 * 3]).toBe(18); // an inner pixel: 9 taps x 2 channels of ones
    tf.dispose([x, w, w3, strided, dilated, odd]);
  });

  it('leaks no tensors or heap buffers across 50 calls (padded and not)', () => {
    const x = tf.randomNormal([2, 9, 9, 4]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 4, 8]) as tf.Tensor4D;
    tf.conv2d(x, w, 1, 'same').dispose();
    const tensors = tf.memory().numTensors;
    const buffers = tf.memory().numDataBuffers;
    for (let i = 0; i < 50; i++) {
      tf.conv2d(x, w, 1, 'same').dispose();
      tf.conv2d(x, w, 1, 'valid').dispose();
    }
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numDataBuffers).toBe(buffers);
    tf.dispose([x, w]);
  });
});
