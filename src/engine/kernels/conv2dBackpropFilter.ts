import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  registerKernel,
  Slice,
  Transpose,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import { findKernel, pair, runBackendKernel, shape4 } from './backendKernels';
import { backendMemory, heapKernels, type HeapBackend, type HeapKernels } from './wasm/heapKernels';
import type {
  Conv2DBackpropFilterAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

/*
 * Filter gradient of an NHWC conv2d, computed as a forward convolution.
 *
 *   dW[kh,kw,c,f] = sum_{n,i,j} x[n, i*sH + kh - padTop, j*sW + kw - padLeft, c] * dy[n,i,j,f]
 *
 * Reading c as a batch index, n as an input channel and (i,j) as filter taps
 * dilated by the original strides, this is conv2d(xT, dyT) with
 *   xT  = transpose(x,  [3,1,2,0])  : [C, H, W, N]
 *   dyT = transpose(dy, [1,2,0,3])  : [OH, OW, N, F]
 *   stride 1, dilation (sH, sW), explicit pad [[0,0],[padTop,padBottom'],[padLeft,padRight'],[0,0]]
 * where padBottom'/padRight' make the output exactly KH x KW. The result
 * [C, KH, KW, F] is transposed with [1,2,0,3] to [KH, KW, C, F].
 */

/** Sizes of a stride-1 filter gradient: x [n, h, w, c], dy [n, oh, ow, f], filter kh x kw. */
interface TapGeometry {
  n: number;
  h: number;
  w: number;
  c: number;
  oh: number;
  ow: number;
  f: number;
  kh: number;
  kw: number;
  padTop: number;
  padLeft: number;
}

/** How many filter gradients took our SIMD module and how many the transposed convolution (tests). */
export const filterGradCalls = { simd: 0, conv: 0 };

/** Output channels one call of our SIMD module sums at once, widest first. */
const TAP_WIDTHS = [16, 8, 4] as const;

/** The module's function for each width. */
const TAP_SUMS = {
  16: (k: HeapKernels) => k.filterGrad16,
  8: (k: HeapKernels) => k.filterGrad8,
  4: (k: HeapKernels) => k.filterGrad4,
} as const;

/**
 * The filter gradient of a stride-1 convolution by our SIMD module (output channels a multiple of
 * 4): for each tap, input channel (or pair of them) and block of output channels, one pass over the
 * rows and columns where that tap reads x rather than padding. XNNPACK's convolution of the
 * transposed tensors (the general path below) suits the model's shapes badly: a 5x5 output from a
 * 28x28 or 14x14 "filter" ran at about 2.5 and 7 GMAC/s at batch 64 (conv 2's forward: 12-17).
 */
function filterGradOnHeap(
  kernels: HeapKernels,
  heap: HeapBackend,
  x: TensorInfo,
  dy: TensorInfo,
  g: TapGeometry,
): TensorInfo {
  const out = heap.makeOutput([g.kh, g.kw, g.c, g.f], 'float32');
  const xPtr = heap.getMemoryOffset(x.dataId);
  const dyPtr = heap.getMemoryOffset(dy.dataId);
  const outPtr = heap.getMemoryOffset(out.dataId);
  const [xCol, xRow, xImage] = [4 * g.c, 4 * g.c * g.w, 4 * g.c * g.w * g.h];
  const [dyCol, dyRow, dyImage] = [4 * g.f, 4 * g.f * g.ow, 4 * g.f * g.ow * g.oh];
  for (let a = 0; a < g.kh; a++) {
    // Output rows whose tap a reads a row of x: 0 <= i + a - padTop < h.
    const i0 = Math.max(0, g.padTop - a);
    const i1 = Math.min(g.oh, g.h + g.padTop - a);
    for (let b = 0; b < g.kw; b++) {
      const j0 = Math.max(0, g.padLeft - b);
      const j1 = Math.min(g.ow, g.w + g.padLeft - b);
      // x shifted by the tap's offset; read only at rows and columns in range.
      const shift = ((a - g.padTop) * g.w + (b - g.padLeft)) * g.c;
      // Two input channels per pass where output channels come in 16s (each load of dy serves
      // both), else one, in blocks of 16, 8 and 4 output channels.
      const paired = g.f % 16 === 0;
      for (let ci = 0; ci < g.c; ci += paired ? 2 : 1) {
        const xTap = xPtr + 4 * (shift + ci);
        const outTap = outPtr + 4 * ((a * g.kw + b) * g.c + ci) * g.f;
        const rows = [g.n, i0, i1, j0, j1, xCol, xRow, xImage, dyCol, dyRow, dyImage] as const;
        if (paired && ci + 1 < g.c) {
          for (let fo = 0; fo < g.f; fo += 16)
            kernels.filterGrad16x2(xTap, dyPtr + 4 * fo, outTap + 4 * fo, ...rows, 4 * g.f);
          continue;
        }
        let fo = 0;
        for (const width of TAP_WIDTHS) {
          const sum = TAP_SUMS[width](kernels);
          for (; fo + width <= g.f; fo += width)
            sum(xTap, dyPtr + 4 * fo, outTap + 4 * fo, ...rows);
        }
      }
    }
  }
  return out;
}

/** Optional dilations attribute (Conv2DBackpropFilterAttrs has none; accepted defensively). */
function readDilations(attrs: NamedAttrMap): [number, number] {
  const d = attrs['dilations'];
  if (d === undefined || d === null) return [1, 1];
  if (typeof d === 'number') return [d, d];
  if (Array.isArray(d) && d.length === 2 && typeof d[0] === 'number' && typeof d[1] === 'number') {
    return [d[0], d[1]];
  }
  throw new Error(`Conv2DBackpropFilter: unsupported dilations attribute ${JSON.stringify(d)}.`);
}

/** Kernel function computing the NHWC conv2d filter gradient with the backend's own Conv2D/Transpose/Slice. */
function makeKernelFunc(backendName: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const x = inputs['x'];
    const dy = inputs['dy'];
    if (x === undefined || dy === undefined) {
      throw new Error("Conv2DBackpropFilter: inputs 'x' and 'dy' are required.");
    }
    const rawAttrs: NamedAttrMap = attrs ?? {};
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
      rawAttrs as unknown as Conv2DBackpropFilterAttrs;
    if (dataFormat !== 'NHWC') {
      throw new Error(
        `Conv2DBackpropFilter (fast kernel): only dataFormat 'NHWC' is supported, got '${dataFormat}'.`,
      );
    }
    const [dilH, dilW] = readDilations(rawAttrs);
    if (dilH !== 1 || dilW !== 1) {
      throw new Error(
        `Conv2DBackpropFilter (fast kernel): only dilations 1 are supported, got [${dilH}, ${dilW}].`,
      );
    }
    if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
      throw new Error(
        `Conv2DBackpropFilter (fast kernel): float32 inputs required, got ${x.dtype} and ${dy.dtype}.`,
      );
    }
    const kb = backend as KernelBackend;
    const xShape = shape4(x, 'x', Conv2DBackpropFilter);
    const [n, h, w, c] = xShape;
    const [dyN, oh, ow, f] = shape4(dy, 'dy', Conv2DBackpropFilter);
    const [kh, kw, fc, ff] = filterShape;
    if (dyN !== n || fc !== c || ff !== f) {
      throw new Error(
        `Conv2DBackpropFilter: incompatible shapes x [${xShape.join(', ')}], dy [${dy.shape.join(', ')}], ` +
          `filterShape [${filterShape.join(', ')}].`,
      );
    }
    const [strideH, strideW] = pair(strides);
    const convInfo = backend_util.computeConv2DInfo(
      xShape,
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const padTop = convInfo.padInfo.top;
    const padLeft = convInfo.padInfo.left;
    // Rows/cols of x read by the last tap, so the forward conv output is exactly KH x KW.
    const needH = (oh - 1) * strideH + kh - padTop;
    const needW = (ow - 1) * strideW + kw - padLeft;

    if (needH <= 0 || needW <= 0 || n === 0 || oh === 0 || ow === 0) {
      // Every tap reads padding only: the gradient is zero.
      const size = kh * kw * c * f;
      const outShape = [kh, kw, c, f];
      return {
        dataId: kb.write(new Float32Array(size), outShape, 'float32'),
        shape: outShape,
        dtype: 'float32',
      };
    }

    // Stride 1 with output channels filling SIMD lanes: our module, reading x and dy in place.
    const memory = backendName === 'wasm' ? backendMemory(backend) : null;
    const kernels =
      memory && strideH === 1 && strideW === 1 && f % 4 === 0 ? heapKernels(memory) : null;
    if (kernels) {
      filterGradCalls.simd += 1;
      const geometry = { n, h, w, c, oh, ow, f, kh, kw, padTop, padLeft };
      return filterGradOnHeap(kernels, backend as unknown as HeapBackend, x, dy, geometry);
    }

    filterGradCalls.conv += 1;
    const intermediates: TensorInfo[] = [];
    try {
      let xUsed: TensorInfo = x;
      if (needH < h || needW < w) {
        xUsed = runBackendKernel(Slice, backendName, { x }, kb, {
          begin: [0, 0, 0, 0],
          size: [n, Math.min(h, needH), Math.min(w, needW), c],
        });
        intermediates.push(xUsed);
      }
      const padBottom = Math.max(0, needH - h);
      const padRight = Math.max(0, needW - w);

      const xT = runBackendKernel(Transpose, backendName, { x: xUsed }, kb, { perm: [3, 1, 2, 0] });
      intermediates.push(xT);
      const dyT = runBackendKernel(Transpose, backendName, { x: dy }, kb, { perm: [1, 2, 0, 3] });
      intermediates.push(dyT);
      const conv = runBackendKernel(Conv2D, backendName, { x: xT, filter: dyT }, kb, {
        strides: [1, 1],
        dilations: [strideH, strideW],
        pad: [
          [0, 0],
          [padTop, padBottom],
          [padLeft, padRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      });
      intermediates.push(conv);
      if (
        conv.shape[0] !== c ||
        conv.shape[1] !== kh ||
        conv.shape[2] !== kw ||
        conv.shape[3] !== f
      ) {
        throw new Error(
          `Conv2DBackpropFilter: internal conv produced shape [${conv.shape.join(', ')}], expected [${c}, ${kh}, ${kw}, ${f}].`,
        );
      }
      return runBackendKernel(Transpose, backendName, { x: conv }, kb, { perm: [1, 2, 0, 3] });
    } finally {
      for (const info of intermediates) kb.disposeData(info.dataId);
    }
  };
}

/** Kernel config for Conv2DBackpropFilter on `backendName`, built from that backend's Conv2D/Transpose/Slice. */
export function conv2dBackpropFilterConfig(backendName: string): KernelConfig {
  return {
    kernelName: Conv2DBackpropFilter,
    backendName,
    kernelFunc: makeKernelFunc(backendName),
  };
}

/** Replaces (or adds) the Conv2DBackpropFilter kernel of `backendName` with the fast one; safe to call repeatedly. */
export function registerFastConv2DBackpropFilter(backendName: 'wasm' | 'cpu'): void {
  if (findKernel(Conv2DBackpropFilter, backendName) !== undefined) {
    unregisterKernel(Conv2DBackpropFilter, backendName);
  }
  registerKernel(conv2dBackpropFilterConfig(backendName));
}
