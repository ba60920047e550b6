import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import {
  backend_util,
  Conv2DBackpropFilter,
  getKernel,
  type KernelConfig,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import {
  conv2dBackpropFilterConfig,
  filterGradCalls,
  registerFastConv2DBackpropFilter,
} from '../../../src/engine/kernels/conv2dBackpropFilter';

tf.env().set('IS_TEST', true);

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

/** One filter-gradient problem: x shape, filter shape, strides and padding of the forward conv. */
interface Case {
  name: string;
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const CASES: Case[] = [
  { name: '5x5 same, odd kernel', x: [3, 7, 7, 3], filter: [5, 5, 3, 2], strides: 1, pad: 'same' },
  { name: '4x4 same, even kernel', x: [3, 7, 7, 3], filter: [4, 4, 3, 2], strides: 1, pad: 'same' },
  {
    name: 'valid, batch 1, C 1, F 16',
    x: [1, 8, 7, 1],
    filter: [3, 3, 1, 16],
    strides: 1,
    pad: 'valid',
  },
  { name: 'same, stride 2', x: [3, 8, 7, 3], filter: [3, 3, 3, 2], strides: 2, pad: 'same' },
  {
    name: 'valid, strides [2,3]',
    x: [3, 9, 8, 3],
    filter: [2, 3, 3, 2],
    strides: [2, 3],
    pad: 'valid',
  },
  {
    name: 'explicit pads, C 8',
    x: [3, 6, 6, 8],
    filter: [3, 3, 8, 2],
    strides: 1,
    pad: [
      [0, 0],
      [2, 1],
      [0, 3],
      [0, 0],
    ],
  },
  {
    name: 'explicit pads, stride 2',
    x: [3, 7, 6, 3],
    filter: [3, 2, 3, 2],
    strides: 2,
    pad: [
      [0, 0],
      [1, 0],
      [2, 1],
      [0, 0],
    ],
  },
  { name: 'numeric pad 2', x: [3, 6, 6, 2], filter: [3, 3, 2, 3], strides: 1, pad: 2 },
  {
    name: 'valid, stride 3 (unused rows sliced)',
    x: [2, 7, 9, 2],
    filter: [2, 4, 2, 2],
    strides: 3,
    pad: 'valid',
  },
  {
    name: 'model conv1: 28x28, C 1, F 8',
    x: [20, 28, 28, 1],
    filter: [5, 5, 1, 8],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'model conv2: 14x14, C 8, F 16',
    x: [20, 14, 14, 8],
    filter: [5, 5, 8, 16],
    strides: 1,
    pad: 'same',
  },
  // Output channels in blocks of 16, 8 and 4 (our SIMD module on wasm), padding on every side.
  { name: 'F 4, 3x3 same', x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  {
    name: 'F 12 (8 + 4), 4x4 same',
    x: [2, 6, 5, 2],
    filter: [4, 4, 2, 12],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'F 20 (16 + 4), 2x3 valid',
    x: [3, 5, 7, 5],
    filter: [2, 3, 5, 20],
    strides: 1,
    pad: 'valid',
  },
  {
    name: 'F 32, C 3 (two channels a pass, then one)',
    x: [2, 5, 5, 3],
    filter: [3, 3, 3, 32],
    strides: 1,
    pad: 'same',
  },
  {
    name: 'F 24 (16 + 8), pads larger than the kernel reach',
    x: [2, 4, 4, 2],
    filter: [3, 3, 2, 24],
    strides: 1,
    pad: [
      [0, 0],
      [4, 0],
      [0, 3],
      [0, 0],
    ],
  },
  {
    name: 'every tap in padding (zero gradient)',
    x: [2, 3, 3, 2],
    filter: [1, 1, 2, 3],
    strides: 10,
    pad: [
      [0, 0],
      [5, 0],
      [0, 0],
      [0, 0],
    ],
  },
];

/** Deterministic uniform(-1, 1) values from a 32-bit LCG. */
function randomValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

/** Number of elements of a shape. */
function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Forward-conv geometry of a case: dy shape and the top/left padding. */
function geometry(c: Case): { dyShape: Shape4; padTop: number; padLeft: number } {
  const info = backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  const [n, oh, ow, f] = info.outShape;
  return { dyShape: [n, oh, ow, f], padTop: info.padInfo.top, padLeft: info.padInfo.left };
}

/** Plain nested-loop float64 filter gradient, straight from the definition. */
function naiveFilterGrad(c: Case, x: Float32Array, dy: Float32Array): Float64Array {
  const [n, h, w, ch] = c.x;
  const [kh, kw, , f] = c.filter;
  const [sH, sW] = typeof c.strides === 'number' ? [c.strides, c.strides] : c.strides;
  const { dyShape, padTop, padLeft } = geometry(c);
  const [, oh, ow] = dyShape;
  const out = new Float64Array(kh * kw * ch * f);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      for (let ci = 0; ci < ch; ci++) {
        for (let fi = 0; fi < f; fi++) {
          let acc = 0;
          for (let ni = 0; ni < n; ni++) {
            for (let i = 0; i < oh; i++) {
              const r = i * sH + a - padTop;
              if (r < 0 || r >= h) continue;
              for (let j = 0; j < ow; j++) {
                const col = j * sW + b - padLeft;
                if (col < 0 || col >= w) continue;
                acc +=
                  (x[((ni * h + r) * w + col) * ch + ci] ?? 0) *
                  (dy[((ni * oh + i) * ow + j) * f + fi] ?? 0);
              }
            }
          }
          out[((a * kw + b) * ch + ci) * f + fi] = acc;
        }
      }
    }
  }
  return out;
}

/** max |got - ref| / max |ref|. */
function relError(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  expect(got.length).toBe(ref.length);
  let maxRef = 0;
  let maxDiff = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] ?? 0;
    maxRef = Math.max(maxRef, Math.abs(r));
    maxDiff = Math.max(maxDiff, Math.abs((got[i] ?? 0) - r));
  }
  return maxRef === 0 ? maxDiff : maxDiff / maxRef;
}

/** Conv2DBackpropFilter attributes for a case. */
function attrsOf(c: Case, dataFormat: 'NHWC' | 'NCHW' = 'NHWC'): NamedAttrMap {
  return { strides: c.strides, pad: c.pad, dataFormat, filterShape: c.filter };
}

/** Runs whatever Conv2DBackpropFilter kernel is registered for the active backend. */
function runFilterGrad(x: tf.Tensor, dy: tf.Tensor, attrs: NamedAttrMap): tf.Tensor {
  return tf.engine().runKernel(Conv2DBackpropFilter, { x, dy }, attrs) as tf.Tensor;
}

/** Per-case inputs and references computed before our kernel is registered anywhere. */
interface Prepared {
  x: Float32Array;
  dy: Float32Array;
  dyShape: Shape4;
  naive: Float64Array;
  stock: Float32Array;
}

const prepared: Prepared[] = [];

// Autodiff fixture: d/dw sum(conv2d(x, w, 1, 'same') * r), stock cpu value.
const AD_X: Shape4 = [4, 9, 9, 3];
const AD_W: Shape4 = [5, 5, 3, 4];
const adX = randomValues(sizeOf(AD_X), 11);
const adW = randomValues(sizeOf(AD_W), 12);
const adR = randomValues(sizeOf([4, 9, 9, 4]), 13);
let adStockGrad = new Float32Array(0);
// The stock cpu kernel function, captured before anything replaces it.
let stockCpuKernelFunc: KernelConfig['kernelFunc'] | undefined;

/** Gradient of sum(conv2d(x, w) * r) with respect to w, on the active backend. */
function autodiffGrad(): tf.Tensor {
  const x = tf.tensor4d(adX, AD_X);
  const w = tf.tensor4d(adW, AD_W);
  const r = tf.tensor4d(adR, [4, 9, 9, 4]);
  const g = tf.grad((wv: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, wv as tf.Tensor4D, 1, 'same'), r)),
  )(w);
  x.dispose();
  w.dispose();
  r.dispose();
  return g;
}

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  const stock: KernelConfig | undefined = getKernel(Conv2DBackpropFilter, 'cpu');
  if (stock === undefined) throw new Error('stock cpu Conv2DBackpropFilter missing');
  stockCpuKernelFunc = stock.kernelFunc;
  const backend = tf.backend();
  CASES.forEach((c, k) => {
    const { dyShape } = geometry(c);
    const x = randomValues(sizeOf(c.x), 100 + k);
    const dy = randomValues(sizeOf(dyShape), 200 + k);
    const xt = tf.tensor4d(x, c.x);
    const dyt = tf.tensor4d(dy, dyShape);
    const out = stock.kernelFunc({ inputs: { x: xt, dy: dyt }, backend, attrs: attrsOf(c) });
    const info: TensorInfo = Array.isArray(out) ? (out[0] as TensorInfo) : out;
    const stockVals = Float32Array.from(backend.readSync(info.dataId) as Float32Array);
    backend.disposeData(info.dataId);
    xt.dispose();
    dyt.dispose();
    prepared.push({ x, dy, dyShape, naive: naiveFilterGrad(c, x, dy), stock: stockVals });
  });
  const g = autodiffGrad();
  adStockGrad = Float32Array.from(g.dataSync());
  g.dispose();
});

describe('reference sanity', () => {
  it('stock cpu kernel agrees with the nested-loop reference', () => {
    CASES.forEach((c, k) => {
      const p = prepared[k];
      if (p === undefined) throw new Error(`case ${c.name} not prepared`);
      expect(relError(p.stock, p.naive), c.name).toBeLessThanOrEqual(1e-5);
    });
  });
});

for (const backendName of ['cpu', 'wasm'] as const) {
  describe(`fast Conv2DBackpropFilter on ${backendName}`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backendName)).toBe(true);
    });

    if (backendName === 'wasm') {
      it('wasm 4.22 ships no Conv2DBackpropFilter kernel (why this exists)', () => {
        const existing: KernelConfig | undefined = getKernel(Conv2DBackpropFilter, 'wasm');
        expect(existing).toBeUndefined();
        const x = tf.zeros([1, 4, 4, 1]);
        const dy = tf.zeros([1, 4, 4, 1]);
        expect(() =>
          runFilterGrad(x, dy, {
            strides: 1,
            pad: 'same',
            dataFormat: 'NHWC',
            filterShape: [3, 3, 1, 1],
          }),
        ).toThrow(/not registered/);
        x.dispose();
        dy.dispose();
      });
    }

    it('registers idempotently and replaces any existing kernel', () => {
      registerFastConv2DBackpropFilter(backendName);
      const first = getKernel(Conv2DBackpropFilter, backendName);
      registerFastConv2DBackpropFilter(backendName);
      const second = getKernel(Conv2DBackpropFilter, backendName);
      expect(second.kernelName).toBe(Conv2DBackpropFilter);
      expect(second.backendName).toBe(backendName);
      expect(second).not.toBe(first);
      expect(second.kernelFunc).not.toBe(stockCpuKernelFunc);
      expect(conv2dBackpropFilterConfig(backendName).backendName).toBe(backendName);
    });

    for (const [k, c] of CASES.entries()) {
      it(`matches stock cpu and nested loops: ${c.name}`, () => {
        registerFastConv2DBackpropFilter(backendName);
        const p = prepared[k];
        if (p === undefined) throw new Error(`case ${c.name} not prepared`);
        const x = tf.tensor4d(p.x, c.x);
        const dy = tf.tensor4d(p.dy, p.dyShape);
        const out = runFilterGrad(x, dy, attrsOf(c));
        expect(out.shape).toEqual(c.filter);
        const got = out.dataSync();
        expect(relError(got, p.stock)).toBeLessThanOrEqual(1e-5);
        expect(relError(got, p.naive)).toBeLessThanOrEqual(1e-5);
        tf.dispose([x, dy, out]);
      });
    }

    it(
      backendName === 'wasm'
        ? 'stride 1 with output channels a multiple of 4 runs on our SIMD module, the rest as a convolution'
        : 'runs every case as a convolution (no SIMD module on cpu)',
      () => {
        registerFastConv2DBackpropFilter(backendName);
        const simd = CASES.filter(
          (c) => c.strides === 1 && c.filter[3] % 4 === 0 && backendName === 'wasm',
        );
        expect(simd.length).toBe(backendName === 'wasm' ? 8 : 0);
        const before = { ...filterGradCalls };
        for (const [k, c] of CASES.entries()) {
          const p = prepared[k];
          if (p === undefined) throw new Error(`case ${c.name} not prepared`);
          const x = tf.tensor4d(p.x, c.x);
          const dy = tf.tensor4d(p.dy, p.dyShape);
          tf.dispose([x, dy, runFilterGrad(x, dy, attrsOf(c))]);
        }
        // The all-padding case returns zeros before choosing either path.
        expect(filterGradCalls.simd - before.simd).toBe(simd.length);
        expect(filterGradCalls.conv - before.conv).toBe(CASES.length - 1 - simd.length);
      },
    );

    it('a blank image and a zero dy give a zero gradient; one pixel gives one product per tap', () => {
      registerFastConv2DBackpropFilter(backendName);
      const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 4] };
      const blank = tf.zeros([2, 5, 5, 1]);
      const dy = tf.ones([2, 5, 5, 4]);
      expect(Array.from(runFilterGrad(blank, dy, attrs).dataSync()).every((v) => v === 0)).toBe(
        true,
      );
      // One lit pixel (value 2) at row 0, column 4 of image 1. With 'same' padding of 1, tap (a, b)
      // reads it from output (1 - a, 5 - b), which exists for a in {0, 1} and b in {1, 2}.
      const lit = tf.tensor4d(
        Array.from({ length: 50 }, (_, i) => (i === 25 + 4 ? 2 : 0)),
        [2, 5, 5, 1],
      );
      const grad = runFilterGrad(lit, dy, attrs).dataSync();
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++)
          for (let fo = 0; fo < 4; fo++)
            expect(grad[(a * 3 + b) * 4 + fo], `tap ${a},${b}`).toBe(a <= 1 && b >= 1 ? 2 : 0);
      tf.dispose([blank, dy, lit]);
    });

    it('tf.grad of conv2d wrt the filter equals the stock cpu gradient', () => {
      registerFastConv2DBackpropFilter(backendName);
      const g = autodiffGrad();
      expect(g.shape).toEqual(AD_W);
      expect(relError(g.dataSync(), adStockGrad)).toBeLessThanOrEqual(1e-5);
      g.dispose();
    });

    it('leaks no tensors or backend buffers across 50 calls', () => {
      registerFastConv2DBackpropFilter(backendName);
      // Case 0 takes the plain path, case 8 the Slice path.
      const inputs = [0, 8].map((k) => {
        const c = CASES[k];
        const p = prepared[k];
        if (c === undefined || p === undefined) throw new Error(`case ${k} missing`);
        return { attrs: attrsOf(c), x: tf.tensor4d(p.x, c.x), dy: tf.tensor4d(p.dy, p.dyShape) };
      });
      const step = (): void => {
        for (const { attrs, x, dy } of inputs) tf.dispose(runFilterGrad(x, dy, attrs));
        tf.dispose(autodiffGrad());
      };
      step(); // warm-up, so lazily created state is not counted
      const tensorsBefore = tf.memory().numTensors;
      const buffersBefore = tf.backend().numDataIds();
      for (let i = 0; i < 50; i++) step();
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(tf.backend().numDataIds()).toBe(buffersBefore);
      for (const { x, dy } of inputs) tf.dispose([x, dy]);
    });

    it('rejects NCHW and dilations other than 1 with a clear error', () => {
      registerFastConv2DBackpropFilter(backendName);
      const x = tf.zeros([1, 4, 4, 1]);
      const dy = tf.zeros([1, 4, 4, 1]);
      const base: NamedAttrMap = { strides: 1, pad: 'same', filterShape: [3, 3, 1, 1] };
      expect(() => runFilterGrad(x, dy, { ...base, dataFormat: 'NCHW' })).toThrow(
        /only dataFormat 'NHWC'/,
      );
      expect(() => runFilterGrad(x, dy, { ...base, dataFormat: 'NHWC', dilations: 2 })).toThrow(
        /only dilations 1/,
      );
      tf.dispose([x, dy]);
    });
  });
}
