/**
 * A fast gradient behind the training step: the conv input gradient as a forward conv (against a
 * loop over its definition), on both CPU backends. The max-pool gradient has its own tests.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import '../../../src/engine/gradients';
import { Prng } from '../../../src/engine/random/prng';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

beforeAll(() => registerCpuAndWasm());

const random = (rng: Prng, n: number) => Float32Array.from({ length: n }, () => rng.normal());

/** dx of conv2d(x, W) with stride `s` and explicit pads, by its definition. */
function inputGradByLoops(
  dy: Float32Array,
  dyShape: Shape4,
  w: Float32Array,
  wShape: Shape4,
  xShape: Shape4,
  stride: number,
  padTop: number,
  padLeft: number,
): Float32Array {
  const [n, oh, ow, f] = dyShape;
  const [kh, kw, c] = wShape;
  const [, h, wd] = xShape;
  const dx = new Float32Array(n * h * wd * c);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let p = 0; p < kh; p++)
          for (let q = 0; q < kw; q++) {
            const r = i * stride + p - padTop;
            const col = j * stride + q - padLeft;
            if (r < 0 || r >= h || col < 0 || col >= wd) continue;
            for (let ch = 0; ch < c; ch++)
              for (let o = 0; o < f; o++) {
                dx[((b * h + r) * wd + col) * c + ch]! +=
                  dy[((b * oh + i) * ow + j) * f + o]! * w[((p * kw + q) * c + ch) * f + o]!;
              }
          }
  return dx;
}

const CONV_CASES: {
  name: string;
  x: Shape4;
  w: Shape4;
  stride: number;
  pad: Pad;
  top: number;
  left: number;
}[] = [
  {
    name: '5x5 same (the model)',
    x: [3, 9, 9, 2],
    w: [5, 5, 2, 4],
    stride: 1,
    pad: 'same',
    top: 2,
    left: 2,
  },
  {
    name: '4x4 same, even kernel',
    x: [2, 7, 6, 3],
    w: [4, 4, 3, 2],
    stride: 1,
    pad: 'same',
    top: 1,
    left: 1,
  },
  { name: 'valid', x: [2, 8, 7, 1], w: [3, 3, 1, 5], stride: 1, pad: 'valid', top: 0, left: 0 },
  {
    name: 'explicit pads',
    x: [2, 6, 6, 2],
    w: [3, 3, 2, 2],
    stride: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 2],
      [0, 0],
    ],
    top: 2,
    left: 1,
  },
  {
    name: 'stride 2 (the stock kernel)',
    x: [2, 8, 7, 2],
    w: [3, 3, 2, 3],
    stride: 2,
    pad: 'same',
    top: 0,
    left: 1,
  },
];

describe.each(['wasm', 'cpu'])('Conv2DBackpropInput on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it.each(CONV_CASES)('$name equals the definition', async ({ x, w, stride, pad, top, left }) => {
    const rng = new Prng(3);
    const wValues = random(
      rng,
      w.reduce((a, b) => a * b),
    );
    const filter = tf.tensor4d(wValues, w);
    const probe = tf.conv2d(tf.zeros(x) as tf.Tensor4D, filter, stride, pad);
    const dyShape = probe.shape as Shape4;
    const dyValues = random(rng, probe.size);
    const dx = tf.conv2dTranspose(tf.tensor4d(dyValues, dyShape), filter, x, stride, pad);
    const expected = inputGradByLoops(dyValues, dyShape, wValues, w, x, stride, top, left);
    const got = await dx.data();
    expect(dx.shape).toEqual(x);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
  });
});
