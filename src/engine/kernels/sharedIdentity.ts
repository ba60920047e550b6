/*
 * Identity on wasm without a copy. tfjs clones every tensor a gradient will read (the tape's saved
 * inputs and outputs), and wasm's stock Identity copies the whole buffer each time: 18 copies of
 * full-size activations per training step of the default CNN. Sharing the buffer and counting one
 * more reference is what wasm's own Reshape does, and what the cpu backend's Identity does.
 */
import { Identity, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { findKernel } from './backendKernels';

/** The stock kernel, for string tensors (their values live outside the wasm heap). */
let stockWasmIdentity: KernelFunc | null = null;

const sharedIdentity: KernelFunc = (args) => {
  const x = args.inputs['x'];
  if (x === undefined) throw new Error("Identity: input 'x' is required.");
  if (x.dtype === 'string') {
    if (!stockWasmIdentity) throw new Error('Identity: no stock kernel for strings');
    return stockWasmIdentity(args);
  }
  (args.backend as KernelBackend).incRef(x.dataId);
  const out: TensorInfo = { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  return out;
};

/** Replaces wasm's Identity with the sharing one; safe to call again. */
export function registerSharedIdentity(): void {
  const current = findKernel(Identity, 'wasm');
  if (current && current.kernelFunc === sharedIdentity) return;
  if (current) {
    stockWasmIdentity = current.kernelFunc;
    unregisterKernel(Identity, 'wasm');
  }
  registerKernel({ kernelName: Identity, backendName: 'wasm', kernelFunc: sharedIdentity });
}
