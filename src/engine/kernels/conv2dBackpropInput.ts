/*
 * Input gradient of an NHWC conv2d with stride 1, computed as a forward convolution (tfjs-wasm's own
 * Conv2DBackpropInput is a plain loop, ~13x slower than its XNNPACK Conv2D on our shapes):
 *
 *   dx[n,i,j,c] = sum_{kh,kw,f} dy[n, i + padTop - kh, j + padLeft - kw, f] * W[kh,kw,c,f]
 *
 * is the correlation of dy with W flipped in both spatial axes and with channels swapped,
 *   W'[kh,kw,f,c] = W[KH-1-kh, KW-1-kw, c, f],
 * padded by KH-1-padTop / KH-1-padBottom rows and KW-1-padLeft / KW-1-padRight columns. Strides
 * above 1, dilations and pads wider than the kernel go to the backend's stock kernel.
 */
import {
  backend_util,
  Conv2D,
  Conv2DBackpropInput,
  registerKernel,
  Reverse,
  Transpose,
  unregisterKernel,
} from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropInputAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { findKernel, pair, runBackendKernel, shape4 } from './backendKernels';

/** The backends' stock kernels, kept for the cases the fast path does not take. */
const stock = new Map<string, KernelConfig>();

/** Does the forward conv allow the fast path? Returns its explicit pads, or null. */
function fastPads(attrs: Conv2DBackpropInputAttrs, filter: TensorInfo) {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const [sH, sW] = pair(strides);
  const dilations = (attrs as unknown as NamedAttrMap)['dilations'];
  if (sH !== 1 || sW !== 1 || dataFormat !== 'NHWC') return null;
  if (dilations !== undefined && dilations !== 1 && String(dilations) !== '1,1') return null;
  const [kh, kw] = shape4(filter, 'filter', Conv2DBackpropInput);
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { top, bottom, left, right } = info.padInfo;
  const pads = [kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right];
  return pads.every((p) => p >= 0) ? pads : null;
}

function makeKernelFunc(backendName: string): KernelFunc {
  return (args) => {
    const { inputs, backend } = args;
    const dy = inputs['dy'];
    const filter = inputs['filter'];
    if (dy === undefined || filter === undefined) {
      throw new Error("Conv2DBackpropInput: inputs 'dy' and 'filter' are required.");
    }
    const attrs = (args.attrs ?? {}) as unknown as Conv2DBackpropInputAttrs;
    const pads =
      dy.dtype === 'float32' && filter.dtype === 'float32' && dy.shape.every((d) => d > 0)
        ? fastPads(attrs, filter)
        : null;
    if (!pads) {
      const original = stock.get(backendName);
      if (!original) throw new Error(`Conv2DBackpropInput: no stock kernel on ${backendName}`);
      return original.kernelFunc(args);
    }
    const [top, bottom, left, right] = pads as [number, number, number, number];
    const kb = backend as KernelBackend;
    const intermediates: TensorInfo[] = [];
    try {
      const flipped = runBackendKernel(Reverse, backendName, { x: filter }, kb, { dims: [0, 1] });
      intermediates.push(flipped);
      const swapped = runBackendKernel(Transpose, backendName, { x: flipped }, kb, {
        perm: [0, 1, 3, 2],
      });
      intermediates.push(swapped);
      const dx = runBackendKernel(Conv2D, backendName, { x: dy, filter: swapped }, kb, {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      });
      const expected = attrs.inputShape;
      if (dx.shape.some((d, i) => d !== expected[i])) {
        kb.disposeData(dx.dataId);
        throw new Error(
          `Conv2DBackpropInput: internal conv produced [${dx.shape.join(', ')}], expected [${expected.join(', ')}].`,
        );
      }
      return dx;
    } finally {
      for (const info of intermediates) kb.disposeData(info.dataId);
    }
  };
}

/** Kernel config for Conv2DBackpropInput on `backendName` (the fast path, else the stock kernel). */
function conv2dBackpropInputConfig(backendName: string): KernelConfig {
  // The stock kernel's setup (wasm binds its function there) must still run for the fallback.
  const setupFunc = stock.get(backendName)?.setupFunc;
  return {
    kernelName: Conv2DBackpropInput,
    backendName,
    kernelFunc: makeKernelFunc(backendName),
    ...(setupFunc ? { setupFunc } : {}),
  };
}

/** Puts the fast Conv2DBackpropInput in front of `backendName`'s stock one; safe to call again. */
export function registerFastConv2DBackpropInput(backendName: 'wasm' | 'cpu'): void {
  const current = findKernel(Conv2DBackpropInput, backendName);
  if (current && !stock.has(backendName)) stock.set(backendName, current);
  if (current) unregisterKernel(Conv2DBackpropInput, backendName);
  registerKernel(conv2dBackpropInputConfig(backendName));
}
