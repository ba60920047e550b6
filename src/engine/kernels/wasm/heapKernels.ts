/**
 * Our wasm SIMD kernels (kernels.wat), instantiated on the memory of the tfjs-wasm backend they run
 * on, so they read and write tensors in place: the build whose convolutions use relaxed SIMD's fused
 * multiply-add where the runtime validates it (Chromium), else the plain SIMD one (Node 20). Null
 * where the runtime has no wasm SIMD or the memory cannot be imported: the callers then run their
 * JavaScript loops or the backend's stock kernels.
 */
import type { backend_util, DataType, TensorInfo } from '@tensorflow/tfjs-core';
import { CONV_WIDTHS, convKernelName } from './convBlocks';
import {
  KERNELS_WASM_HEX,
  KERNELS_WASM_RELAXED_HEX,
  KERNELS_WASM_RELAXED_SHARED_HEX,
  KERNELS_WASM_SHARED_HEX,
} from './kernelsWasm';

/** What the tfjs-wasm backend offers for allocating and locating tensors on its heap. */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  getMemoryOffset(dataId: object): number;
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
}

/**
 * One tap's filter gradient of a stride-1 convolution for one input channel and 16, 8 or 4 output
 * channels: out[0..k) = sum over images, rows i0..i1 and columns j0..j1 of x * dy[0..k), where x
 * points at the channel shifted by the tap's offset; strides in bytes.
 */
type FilterGradTap = (
  x: number,
  dy: number,
  out: number,
  n: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  xCol: number,
  xRow: number,
  xImage: number,
  dyCol: number,
  dyRow: number,
  dyImage: number,
) => void;

/**
 * Blocks of a forward stride-1 convolution from a zero-padded NHWC input: for n images and oh
 * output rows, `blocks` blocks of the kernel's pixels, each summing kh filter rows of t (columns
 * times input channels) taps; x, w and y point at the first block's input, its channels' weights
 * and its output; strides in bytes (wStep: one tap's weights, the output channel count times 4).
 */
type ConvBlocks = (
  x: number,
  w: number,
  y: number,
  n: number,
  oh: number,
  blocks: number,
  kh: number,
  t: number,
  xRow: number,
  xImage: number,
  xPix: number,
  wStep: number,
  yRow: number,
  yImage: number,
  yPix: number,
) => void;

/** The module's exports; every pointer is a byte offset into the tfjs-wasm heap. */
export interface HeapKernels {
  /** The forward-convolution kernels, by convKernelName. */
  [conv: `conv${number}x${number}`]: ConvBlocks;
  /** Copies n images of h rows into a zeroed padded buffer (see kernels.wat). */
  padImages(
    x: number,
    out: number,
    n: number,
    h: number,
    rowBytes: number,
    outRow: number,
    outImage: number,
    offset: number,
    total: number,
  ): void;
  /** filterGrad16 for input channels ci and ci + 1; the second one's sums at out + outNext. */
  filterGrad16x2: (...args: [...Parameters<FilterGradTap>, outNext: number]) => void;
  filterGrad16: FilterGradTap;
  filterGrad8: FilterGradTap;
  filterGrad4: FilterGradTap;
  maxPool2x2Grad(
    x: number,
    dy: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    c: number,
  ): void;
  /** Training-mode BN of x [m, c] (c a multiple of 4, m > 0): y, mean, variance, invStd. */
  batchNormForward(
    x: number,
    gamma: number,
    beta: number,
    y: number,
    mean: number,
    variance: number,
    invStd: number,
    m: number,
    c: number,
    epsilon: number,
  ): void;
  /** y [m, n] = x [m, k] w [k, n] + b, and wT [n, k] (k a multiple of 4). */
  denseForward(
    x: number,
    w: number,
    b: number,
    y: number,
    wT: number,
    m: number,
    k: number,
    n: number,
  ): void;
  /** Its gradient: dx [m, k], dw [k, n], db [n] from dy [m, n], x and wT. */
  denseBackward(
    dy: number,
    x: number,
    wT: number,
    dx: number,
    dw: number,
    db: number,
    m: number,
    k: number,
    n: number,
  ): void;
  /** dx = dy * step(x) over n floats (n a multiple of 4), as tfjs's ReLU gradient. */
  reluGrad(dy: number, x: number, dx: number, n: number): void;
  /** Column maxima of x [m, c] (c a multiple of 4, m > 0) into out [c], as tfjs-cpu's Max. */
  columnMax(x: number, out: number, m: number, c: number): void;
  /** Column sums of x [m, c] (c a multiple of 4, m > 0) into out [c]. */
  columnSums(x: number, out: number, m: number, c: number): void;
  /** Its gradient: dx, dgamma, dbeta from dy, x, mean, invStd, gamma. */
  batchNormBackward(
    dy: number,
    x: number,
    mean: number,
    invStd: number,
    gamma: number,
    dx: number,
    dgamma: number,
    dbeta: number,
    m: number,
    c: number,
  ): void;
}

/** A WebAssembly.Memory, as far as we use it. */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

/** The parts of the WebAssembly global we use (the engine's libs do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Instances by the memory they import (null: could not be built for it). */
const instances = new WeakMap<WasmMemory, HeapKernels | null>();

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The exports every kernel caller needs. */
const EXPORTS: readonly (keyof HeapKernels)[] = [
  ...CONV_WIDTHS.flatMap(({ channels, pixels }) => pixels.map((p) => convKernelName(channels, p))),
  'padImages',
  'maxPool2x2Grad',
  'batchNormForward',
  'batchNormBackward',
  'columnSums',
  'columnMax',
  'reluGrad',
  'denseForward',
  'denseBackward',
  'filterGrad16x2',
  'filterGrad16',
  'filterGrad8',
  'filterGrad4',
];

const isKernels = (exports: object): exports is HeapKernels =>
  EXPORTS.every((name) => typeof (exports as Partial<HeapKernels>)[name] === 'function');

/** Memories whose kernels are the relaxed-SIMD build. */
const fused = new WeakSet<WasmMemory>();

/** The build for this runtime and memory: relaxed SIMD where it validates. */
function moduleBytes(api: WasmApi, shared: boolean): { bytes: Uint8Array; relaxed: boolean } {
  const relaxed = hexBytes(shared ? KERNELS_WASM_RELAXED_SHARED_HEX : KERNELS_WASM_RELAXED_HEX);
  if (api.validate(relaxed)) return { bytes: relaxed, relaxed: true };
  return { bytes: hexBytes(shared ? KERNELS_WASM_SHARED_HEX : KERNELS_WASM_HEX), relaxed: false };
}

/** Whether the kernels on `memory` sum convolutions with fused multiply-adds (relaxed SIMD). */
export function fusedConvolutions(memory: WasmMemory): boolean {
  return fused.has(memory);
}

/** The kernels on `memory`, built on first use. */
export function heapKernels(memory: WasmMemory): HeapKernels | null {
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let kernels: HeapKernels | null = null;
  try {
    if (wasmApi) {
      const shared =
        typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      const { bytes, relaxed } = moduleBytes(wasmApi, shared);
      const { exports } = new wasmApi.Instance(new wasmApi.Module(bytes), { env: { memory } });
      kernels = isKernels(exports) ? exports : null;
      if (kernels && relaxed) fused.add(memory);
    }
  } catch {
    // No SIMD, or a memory the module cannot import: the JavaScript loops run instead.
    kernels = null;
  }
  instances.set(memory, kernels);
  return kernels;
}

/** The WebAssembly.Memory of a tfjs-wasm backend (its Emscripten module's exports), if reachable. */
export function backendMemory(backend: object): WasmMemory | null {
  const memory = (backend as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory;
  return typeof memory === 'object' && memory !== null && 'buffer' in memory
    ? (memory as WasmMemory)
    : null;
}
