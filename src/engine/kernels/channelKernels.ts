/**
 * Faster wasm kernels for the per-channel ops of conv nets (bias adds, BN's scale and shift, their
 * gradients' channel sums). On tfjs-wasm an Add, Mul or Sub that broadcasts a [C] vector over an
 * NHWC tensor takes a generic broadcasting loop, about 7x slower than the same op on equal shapes;
 * a Sum over every axis but the last transposes first. Here:
 *   x + v, v + x  ->  1x1 depthwise conv of x with a filter of ones and bias v,
 *   x * v, v * x  ->  1x1 depthwise conv of x with filter v,
 *   x - v         ->  1x1 depthwise conv of x with a filter of ones and bias -v,
 *   sum of x over all axes but the last  ->  our SIMD column sums (channels a multiple of 4), else
 *                                           x viewed as [M, C], transposed, times ones[M],
 *   max of x over all axes but the last  ->  our SIMD column maxima (channels a multiple of 4;
 *                                           the stock kernel transposes first, like Sum),
 * each one XNNPACK call (or one call of our module). Every other case runs the stock kernel. The results are the same values
 * (a product by 1 and a negation are exact; a sum is added in another order).
 */
import {
  Add,
  BatchMatMul,
  DepthwiseConv2dNative,
  FusedDepthwiseConv2D,
  Max,
  Multiply,
  Neg,
  registerKernel,
  Reshape,
  Sub,
  Sum,
  unregisterKernel,
  util,
} from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { findKernel, runBackendKernel } from './backendKernels';
import { backendMemory, heapKernels, type HeapBackend } from './wasm/heapKernels';

/** The backend these kernels are for: the others' own broadcasts are fine. */
const BACKEND = 'wasm';

/** How many calls took a fast path and how many went to the stock kernel (tests, profiling). */
export const channelKernelCalls = { fast: 0, stock: 0 };

/** The stock kernels, by kernel name, kept for the cases the fast paths do not take. */
const stock = new Map<string, KernelConfig>();

/** Attributes of a 1x1, stride-1 depthwise conv over NHWC. */
const DEPTHWISE_1X1 = {
  strides: [1, 1],
  pad: 'valid',
  dataFormat: 'NHWC',
  dilations: [1, 1],
};

/** Is `v` a float32 vector of x's channels, with x a non-empty float32 NHWC tensor? */
function isChannelVector(x: TensorInfo, v: TensorInfo): boolean {
  const channels = x.shape[3];
  return (
    x.shape.length === 4 &&
    x.dtype === 'float32' &&
    v.dtype === 'float32' &&
    v.shape.length === 1 &&
    v.shape[0] === channels &&
    x.shape.every((d) => d > 0)
  );
}

/** Runs `body` with a scratch list whose tensors are disposed afterwards. */
function withScratch<T>(backend: KernelBackend, body: (scratch: TensorInfo[]) => T): T {
  const scratch: TensorInfo[] = [];
  try {
    return body(scratch);
  } finally {
    for (const info of scratch) backend.disposeData(info.dataId);
  }
}

/** x viewed as [1, 1, C, 1] (a depthwise filter), added to `scratch`. */
function asFilter(v: TensorInfo, backend: KernelBackend, scratch: TensorInfo[]): TensorInfo {
  const filter = runBackendKernel(Reshape, BACKEND, { x: v }, backend, {
    shape: [1, 1, v.shape[0] ?? 1, 1],
  });
  scratch.push(filter);
  return filter;
}

/** x * filter + bias per channel, as one fused 1x1 depthwise conv. */
function affine(
  x: TensorInfo,
  filter: TensorInfo,
  bias: TensorInfo,
  backend: KernelBackend,
): TensorInfo {
  return runBackendKernel(FusedDepthwiseConv2D, BACKEND, { x, filter, bias }, backend, {
    ...DEPTHWISE_1X1,
    activation: 'linear',
  });
}

/** x + v per channel. */
function addChannels(x: TensorInfo, v: TensorInfo, backend: KernelBackend): TensorInfo {
  return affine(x, keptOnes([1, 1, v.shape[0] ?? 1, 1], backend), v, backend);
}

/** x - v per channel. */
function subChannels(x: TensorInfo, v: TensorInfo, backend: KernelBackend): TensorInfo {
  return withScratch(backend, (scratch) => {
    const negated = runBackendKernel(Neg, BACKEND, { x: v }, backend, {});
    scratch.push(negated);
    return affine(x, keptOnes([1, 1, v.shape[0] ?? 1, 1], backend), negated, backend);
  });
}

/** x * v per channel. */
function mulChannels(x: TensorInfo, v: TensorInfo, backend: KernelBackend): TensorInfo {
  return withScratch(backend, (scratch) =>
    runBackendKernel(
      DepthwiseConv2dNative,
      BACKEND,
      { x, filter: asFilter(v, backend, scratch) },
      backend,
      DEPTHWISE_1X1,
    ),
  );
}

/** A binary kernel: the channel path for (x, v), and for (v, x) when `commutes`. */
function binaryKernel(
  name: string,
  channelOp: (x: TensorInfo, v: TensorInfo, backend: KernelBackend) => TensorInfo,
  commutes: boolean,
): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs;
    const backend = args.backend as KernelBackend;
    if (a !== undefined && b !== undefined) {
      if (isChannelVector(a, b)) {
        channelKernelCalls.fast += 1;
        return channelOp(a, b, backend);
      }
      if (commutes && isChannelVector(b, a)) {
        channelKernelCalls.fast += 1;
        return channelOp(b, a, backend);
      }
    }
    return runStock(name, args);
  };
}

/** The axes of a Sum or Max as non-negative, sorted numbers (none given: every axis). */
function sumAxes(axis: unknown, shape: number[]): number[] {
  if (axis === null || axis === undefined) return shape.map((_, i) => i);
  return util.parseAxisParam(axis as number | number[], shape).sort((p, q) => p - q);
}

/** Tensors of ones kept per backend, by shape: the few filters and sum columns of a run. */
const onesKept = new WeakMap<KernelBackend, Map<string, TensorInfo>>();
/** Shapes kept at most per backend; the oldest is dropped beyond. */
const MAX_KEPT_ONES = 16;

/**
 * A float32 tensor of ones of `shape`, written to the backend once and kept for later calls: no
 * write per call, and XNNPACK packs a kept weights tensor once (a new one on every call made the
 * sum slower than the stock kernel).
 */
function keptOnes(shape: number[], backend: KernelBackend): TensorInfo {
  let kept = onesKept.get(backend);
  if (!kept) {
    kept = new Map();
    onesKept.set(backend, kept);
  }
  const key = shape.join('x');
  const found = kept.get(key);
  if (found) return found;
  if (kept.size >= MAX_KEPT_ONES) {
    const [oldestKey, oldest] = kept.entries().next().value ?? [];
    if (oldestKey !== undefined && oldest !== undefined) {
      backend.disposeData(oldest.dataId);
      kept.delete(oldestKey);
    }
  }
  const values = new Float32Array(util.sizeFromShape(shape)).fill(1);
  const info: TensorInfo = {
    dataId: backend.write(values, shape, 'float32'),
    shape,
    dtype: 'float32',
  };
  kept.set(key, info);
  return info;
}

/** Sum over every axis but the last, as x^T (viewed as [M, C]) times ones; else the stock kernel. */
const sumKernel: KernelFunc = (args) => {
  const { x } = args.inputs;
  const backend = args.backend as KernelBackend;
  const attrs = args.attrs ?? {};
  const rank = x?.shape.length ?? 0;
  const axes = x ? sumAxes(attrs['axis'], x.shape) : [];
  const leading = axes.length === rank - 1 && axes.every((a, i) => a === i);
  if (
    x === undefined ||
    x.dtype !== 'float32' ||
    rank < 2 ||
    !leading ||
    util.sizeFromShape(x.shape) === 0
  ) {
    return runStock(Sum, args);
  }
  channelKernelCalls.fast += 1;
  const channels = x.shape[rank - 1] ?? 1;
  const rows = util.sizeFromShape(x.shape) / channels;
  const shape =
    attrs['keepDims'] === true ? [...Array<number>(rank - 1).fill(1), channels] : [channels];
  // Our SIMD column sums where the channels fill its lanes (sums carried in float64).
  const memory = backendMemory(backend);
  const simd = memory && channels % 4 === 0 ? heapKernels(memory) : null;
  if (simd) {
    const heap = backend as unknown as HeapBackend;
    const out = heap.makeOutput(shape, 'float32');
    simd.columnSums(
      heap.getMemoryOffset(x.dataId),
      heap.getMemoryOffset(out.dataId),
      rows,
      channels,
    );
    return out;
  }
  return withScratch(backend, (scratch) => {
    const matrix = runBackendKernel(Reshape, BACKEND, { x }, backend, {
      shape: [1, rows, channels],
    });
    scratch.push(matrix);
    // x^T times a column of ones: the ones are XNNPACK's weights, packed once and kept.
    const column = keptOnes([1, rows, 1], backend);
    const sums = runBackendKernel(BatchMatMul, BACKEND, { a: matrix, b: column }, backend, {
      transposeA: true,
      transposeB: false,
    });
    scratch.push(sums);
    return runBackendKernel(Reshape, BACKEND, { x: sums }, backend, { shape });
  });
};

/**
 * Max over every axis but the last by our SIMD column maxima (channels a multiple of 4, as the
 * dead-channel fraction of every step asks for); else the stock kernel.
 */
const maxKernel: KernelFunc = (args) => {
  const { x } = args.inputs;
  const backend = args.backend as KernelBackend;
  const attrs = args.attrs ?? {};
  const rank = x?.shape.length ?? 0;
  const axes = x ? sumAxes(attrs['reductionIndices'], x.shape) : [];
  const channels = x?.shape[rank - 1] ?? 0;
  const memory = backendMemory(backend);
  const simd = memory && channels % 4 === 0 ? heapKernels(memory) : null;
  if (
    x === undefined ||
    simd === null ||
    x.dtype !== 'float32' ||
    rank < 2 ||
    axes.length !== rank - 1 ||
    axes.some((a, i) => a !== i) ||
    util.sizeFromShape(x.shape) === 0
  ) {
    return runStock(Max, args);
  }
  channelKernelCalls.fast += 1;
  const shape =
    attrs['keepDims'] === true ? [...Array<number>(rank - 1).fill(1), channels] : [channels];
  const heap = backend as unknown as HeapBackend;
  const out = heap.makeOutput(shape, 'float32');
  simd.columnMax(
    heap.getMemoryOffset(x.dataId),
    heap.getMemoryOffset(out.dataId),
    util.sizeFromShape(x.shape) / channels,
    channels,
  );
  return out;
};

/** Runs the stock kernel of `name`. */
function runStock(name: string, args: Parameters<KernelFunc>[0]) {
  channelKernelCalls.stock += 1;
  const original = stock.get(name);
  if (!original) throw new Error(`${name}: no stock kernel on ${BACKEND}`);
  return original.kernelFunc(args);
}

/** The fast kernels, by the stock kernel they stand in front of. */
const FAST: Record<string, KernelFunc> = {
  [Add]: binaryKernel(Add, addChannels, true),
  [Multiply]: binaryKernel(Multiply, mulChannels, true),
  [Sub]: binaryKernel(Sub, subChannels, false),
  [Sum]: sumKernel,
  [Max]: maxKernel,
};

/** Puts the channel kernels in front of wasm's stock Add, Multiply, Sub, Sum and Max; idempotent. */
export function registerChannelKernels(): void {
  for (const [kernelName, kernelFunc] of Object.entries(FAST)) {
    const current = findKernel(kernelName, BACKEND);
    if (!current) continue;
    if (!stock.has(kernelName)) stock.set(kernelName, current);
    unregisterKernel(kernelName, BACKEND);
    // The stock kernel's setup (wasm binds its function there) must still run for the fallback.
    const setupFunc = stock.get(kernelName)?.setupFunc;
    registerKernel({
      kernelName,
      backendName: BACKEND,
      kernelFunc,
      ...(setupFunc ? { setupFunc } : {}),
    });
  }
}
