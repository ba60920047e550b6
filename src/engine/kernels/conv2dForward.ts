/*
 * Forward NHWC conv2d on wasm by our SIMD module, for stride 1, dilation 1 and output channels a
 * multiple of 4 (the model's convolutions and, through Conv2DBackpropInput's flipped filter, its
 * input gradient). The input is copied into a zero-padded buffer, then each block of output
 * channels runs one kernel over every image and row:
 *
 *   y[n,i,j,f] = sum_{kh,kw,c} xPadded[n, i+kh, j+kw, c] * W[kh,kw,c,f]
 *
 * summed in the order XNNPACK sums (kh, then kw and c together), so the plain-SIMD build gives the
 * same floats as tfjs-wasm's XNNPACK convolution; the relaxed-SIMD build fuses each multiply-add.
 * XNNPACK ran conv 1 (one input channel) at 3-4 GMAC/s on our shapes, conv 2 at 6-10. Any other
 * case, and every backend but wasm, runs the stock kernel.
 */
import { backend_util, Conv2D, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type {
  Conv2DAttrs,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { findKernel, pair, shape4 } from './backendKernels';
import { CONV_WIDTHS, convKernelName } from './wasm/convBlocks';
import { backendMemory, heapKernels, type HeapBackend, type HeapKernels } from './wasm/heapKernels';

/** How many forward convolutions took our SIMD module and how many the stock kernel (tests). */
export const convCalls = { simd: 0, stock: 0 };

/** Bytes of a float32. */
const F32 = 4;

/** Sizes of a stride-1 convolution: x [n, h, w, c], filter [kh, kw, c, f], y [n, oh, ow, f]. */
interface ConvGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  f: number;
  oh: number;
  ow: number;
  top: number;
  left: number;
}

/** Is `value` (a strides or dilations attribute) 1 in both axes? */
function isOne(value: unknown): boolean {
  if (value === undefined || value === 1) return true;
  return Array.isArray(value) && value.length === 2 && value[0] === 1 && value[1] === 1;
}

/** The geometry, when our module can run this convolution; else null. */
function fastGeometry(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs): ConvGeometry | null {
  const { strides, pad, dataFormat, dimRoundingMode } = attrs;
  const dilations = (attrs as unknown as NamedAttrMap)['dilations'];
  if (x.dtype !== 'float32' || filter.dtype !== 'float32' || dataFormat !== 'NHWC') return null;
  if (!isOne(strides) || !isOne(dilations)) return null;
  const xShape = shape4(x, 'x', Conv2D);
  const filterShape = shape4(filter, 'filter', Conv2D);
  const [n, h, w, c] = xShape;
  const [kh, kw, fc, f] = filterShape;
  if (fc !== c || f % 4 !== 0 || [...xShape, ...filterShape].some((d) => d <= 0)) return null;
  const info = backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    pair(strides),
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { outHeight: oh, outWidth: ow, padInfo } = info;
  if (oh <= 0 || ow <= 0) return null;
  return { n, h, w, c, kh, kw, f, oh, ow, top: padInfo.top, left: padInfo.left };
}

/** The convolution on the heap: pad x (unless it needs none), then each block of channels. */
function convOnHeap(
  kernels: HeapKernels,
  heap: HeapBackend & { disposeData(dataId: object): void },
  x: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  // The padded input: the rows and columns the output's taps read, zeros outside x.
  const ph = g.oh + g.kh - 1;
  const pw = g.ow + g.kw - 1;
  const padded = ph !== g.h || pw !== g.w;
  const scratch = padded ? heap.makeOutput([g.n, ph, pw, g.c], 'float32') : null;
  try {
    // Inside the try: if this allocation throws, the scratch buffer is still freed.
    const y = heap.makeOutput([g.n, g.oh, g.ow, g.f], 'float32');
    const xPix = F32 * g.c;
    const [xRow, xImage] = [xPix * pw, xPix * pw * ph];
    const xIn = heap.getMemoryOffset(x.dataId);
    let xPtr = xIn;
    if (scratch) {
      xPtr = heap.getMemoryOffset(scratch.dataId);
      const offset = g.top * xRow + g.left * xPix;
      kernels.padImages(xIn, xPtr, g.n, g.h, xPix * g.w, xRow, xImage, offset, g.n * xImage);
    }
    const wPtr = heap.getMemoryOffset(filter.dataId);
    const yPtr = heap.getMemoryOffset(y.dataId);
    const yPix = F32 * g.f;
    const [yRow, yImage] = [yPix * g.ow, yPix * g.ow * g.oh];
    const run = (channels: number, pixels: number, fo: number, j0: number, blocks: number) => {
      const kernel = kernels[convKernelName(channels, pixels)];
      if (!kernel) throw new Error(`Conv2D: no kernel ${convKernelName(channels, pixels)}`);
      kernel(
        xPtr + j0 * xPix,
        wPtr + F32 * fo,
        yPtr + j0 * yPix + F32 * fo,
        g.n,
        g.oh,
        blocks,
        g.kh,
        g.kw * g.c,
        xRow,
        xImage,
        xPix,
        F32 * g.f,
        yRow,
        yImage,
        yPix,
      );
    };
    let fo = 0;
    for (const { channels, pixels } of CONV_WIDTHS) {
      const block = pixels[0];
      const blocks = Math.floor(g.ow / block);
      const tail = g.ow - blocks * block;
      for (; fo + channels <= g.f; fo += channels) {
        if (blocks > 0) run(channels, block, fo, 0, blocks);
        if (tail > 0) run(channels, tail, fo, blocks * block, 1);
      }
    }
    return y;
  } finally {
    if (scratch) heap.disposeData(scratch.dataId);
  }
}

/** The stock kernels, kept for the cases the fast path does not take. */
const stock = new Map<string, KernelConfig>();

function makeKernelFunc(backendName: string): KernelFunc {
  return (args) => {
    const { inputs, backend } = args;
    const x = inputs['x'];
    const filter = inputs['filter'];
    if (x === undefined || filter === undefined) {
      throw new Error("Conv2D: inputs 'x' and 'filter' are required.");
    }
    const memory = backendMemory(backend);
    const kernels = memory ? heapKernels(memory) : null;
    const geometry = kernels
      ? fastGeometry(x, filter, (args.attrs ?? {}) as unknown as Conv2DAttrs)
      : null;
    if (kernels && geometry) {
      convCalls.simd += 1;
      const heap = backend as unknown as HeapBackend & { disposeData(dataId: object): void };
      return convOnHeap(kernels, heap, x, filter, geometry);
    }
    convCalls.stock += 1;
    const original = stock.get(backendName);
    if (!original) throw new Error(`Conv2D: no stock kernel on ${backendName}`);
    return original.kernelFunc(args);
  };
}

/** Puts our Conv2D in front of the wasm backend's stock one (kept for other cases); idempotent. */
export function registerFastConv2D(): void {
  const backendName = 'wasm';
  const current = findKernel(Conv2D, backendName);
  if (current && !stock.has(backendName)) stock.set(backendName, current);
  if (current) unregisterKernel(Conv2D, backendName);
  // The stock kernel's setup (wasm binds its function there) must still run for the fallback.
  const setupFunc = stock.get(backendName)?.setupFunc;
  registerKernel({
    kernelName: Conv2D,
    backendName,
    kernelFunc: makeKernelFunc(backendName),
    ...(setupFunc ? { setupFunc } : {}),
  });
}
