/**
 * Kernels written as loops over flat float32 arrays, registered on the wasm and cpu backends. One
 * loop replaces a chain of small ops whose dispatch and full-size passes cost more than the
 * arithmetic (the max-pool gradient, BN's forward and backward). On wasm the loop reads and writes
 * the wasm heap in place; on cpu, the backend's own arrays. GPU backends have no such kernel: the
 * callers keep an op-composed path for them (`hasArrayKernel`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerKernel } from '@tensorflow/tfjs-core';
import type {
  backend_util,
  DataType,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import { findKernel } from './backendKernels';
import { backendMemory, heapKernels, type HeapBackend, type HeapKernels } from './wasm/heapKernels';

/** A kernel's numeric attributes (e.g. BN's epsilon). */
export type NumberAttrs = Readonly<Record<string, number>>;

/** A kernel over flat float32 arrays: every input and output is float32. */
export interface ArrayKernel {
  kernelName: string;
  /** Input names, in the order `compute` receives them. */
  inputNames: readonly string[];
  /** Each output's shape, from the inputs' shapes (throws on shapes the kernel does not take). */
  outputShapes(shapes: readonly (readonly number[])[]): number[][];
  /**
   * Fills `outputs` from `inputs`. Outputs are not cleared first: `compute` writes every element.
   * Inputs must not be written.
   */
  compute(
    inputs: readonly Float32Array[],
    shapes: readonly (readonly number[])[],
    outputs: readonly Float32Array[],
    attrs: NumberAttrs,
  ): void;
  /**
   * The same by our wasm SIMD module, on tfjs-wasm's heap (inputs and outputs as byte offsets);
   * returns false where it does not apply, and `compute` runs instead.
   */
  simd?(
    kernels: HeapKernels,
    inputs: readonly number[],
    shapes: readonly (readonly number[])[],
    outputs: readonly number[],
    attrs: NumberAttrs,
  ): boolean;
}

/** How many array-kernel calls ran on wasm SIMD and how many as JavaScript loops (tests). */
export const arrayKernelCalls = { simd: 0, js: 0 };

/** What the cpu backend offers (MathBackendCPU). */
interface ValuesBackend {
  readSync(dataId: object): backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: DataType, values?: backend_util.BackendValues): TensorInfo;
}

/** The backends array kernels run on. */
const ARRAY_BACKENDS = ['wasm', 'cpu'] as const;
type ArrayBackendName = (typeof ARRAY_BACKENDS)[number];

/** The kernel's inputs in its order, checked to be float32. */
function orderedInputs(kernel: ArrayKernel, inputs: NamedTensorInfoMap): TensorInfo[] {
  return kernel.inputNames.map((name) => {
    const info = inputs[name];
    if (info === undefined) throw new Error(`${kernel.kernelName}: input '${name}' is required.`);
    if (info.dtype !== 'float32') {
      throw new Error(`${kernel.kernelName}: '${name}' must be float32, got ${info.dtype}.`);
    }
    return info;
  });
}

/** The numeric attributes of a kernel call. */
function numberAttrs(attrs: NamedAttrMap | undefined): NumberAttrs {
  const numbers: Record<string, number> = {};
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (typeof value === 'number') numbers[key] = value;
  }
  return numbers;
}

/** Float32 values; tfjs-cpu's Cast of int32 or bool to float32 keeps the integer array, copied here. */
const asFloat32 = (values: backend_util.TypedArray | backend_util.BackendValues, what: string) => {
  if (values instanceof Float32Array) return values;
  if (values instanceof Int32Array || values instanceof Uint8Array)
    return Float32Array.from(values);
  throw new Error(`${what}: expected float32 values.`);
};

/** The kernel function on wasm: outputs allocated first (an allocation can move the heap). */
function onHeap(kernel: ArrayKernel): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const numbers = numberAttrs(attrs);
    const heap = backend as unknown as HeapBackend;
    const infos = orderedInputs(kernel, inputs);
    const shapes = infos.map((info) => info.shape);
    const outs = kernel.outputShapes(shapes).map((shape) => heap.makeOutput(shape, 'float32'));
    const memory = backendMemory(backend);
    const simd = memory && kernel.simd ? heapKernels(memory) : null;
    const offset = (info: TensorInfo) => heap.getMemoryOffset(info.dataId);
    if (simd && kernel.simd?.(simd, infos.map(offset), shapes, outs.map(offset), numbers)) {
      arrayKernelCalls.simd += 1;
      return outs.length === 1 ? (outs[0] as TensorInfo) : outs;
    }
    arrayKernelCalls.js += 1;
    const view = (info: TensorInfo) => asFloat32(heap.typedArrayFromHeap(info), kernel.kernelName);
    kernel.compute(infos.map(view), shapes, outs.map(view), numbers);
    return outs.length === 1 ? (outs[0] as TensorInfo) : outs;
  };
}

/** The kernel function on cpu. */
function onValues(kernel: ArrayKernel): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const cpu = backend as unknown as ValuesBackend;
    const infos = orderedInputs(kernel, inputs);
    const shapes = infos.map((info) => info.shape);
    const outShapes = kernel.outputShapes(shapes);
    arrayKernelCalls.js += 1;
    const outArrays = outShapes.map((shape) => new Float32Array(tf.util.sizeFromShape(shape)));
    kernel.compute(
      infos.map((info) => asFloat32(cpu.readSync(info.dataId), kernel.kernelName)),
      shapes,
      outArrays,
      numberAttrs(attrs),
    );
    const outs = outShapes.map((shape, i) => cpu.makeTensorInfo(shape, 'float32', outArrays[i]));
    return outs.length === 1 ? (outs[0] as TensorInfo) : outs;
  };
}

const KERNEL_FUNCS: Record<ArrayBackendName, (kernel: ArrayKernel) => KernelFunc> = {
  wasm: onHeap,
  cpu: onValues,
};

/** Registers `kernel` on wasm and cpu (once; a second call for the same name does nothing). */
export function registerArrayKernel(kernel: ArrayKernel): void {
  for (const backendName of ARRAY_BACKENDS) {
    if (findKernel(kernel.kernelName, backendName)) continue;
    registerKernel({
      kernelName: kernel.kernelName,
      backendName,
      kernelFunc: KERNEL_FUNCS[backendName](kernel),
    });
  }
}

/** Does the current backend run `kernelName` (else the caller composes ops)? */
export function hasArrayKernel(kernelName: string): boolean {
  return findKernel(kernelName, tf.getBackend()) !== undefined;
}

/** Runs an array kernel on the current backend; its outputs, in order. */
export function runArrayKernel(
  kernel: ArrayKernel,
  inputs: readonly tf.Tensor[],
  attrs: NumberAttrs = {},
): tf.Tensor[] {
  const named: tf.NamedTensorMap = {};
  kernel.inputNames.forEach((name, i) => {
    const input = inputs[i];
    if (input === undefined) throw new Error(`${kernel.kernelName}: input '${name}' is missing.`);
    named[name] = input;
  });
  const out = tf.engine().runKernel(kernel.kernelName, named, { ...attrs }) as
    tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}
