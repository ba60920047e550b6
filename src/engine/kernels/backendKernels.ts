/** Helpers for kernels built from other kernels of the same backend (see the fast conv gradients). */
import { getKernel } from '@tensorflow/tfjs-core';
import type {
  KernelBackend,
  KernelConfig,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

/** A registered kernel config, or undefined when none is registered (getKernel's typing omits this). */
export function findKernel(kernelName: string, backendName: string): KernelConfig | undefined {
  const config: KernelConfig | undefined = getKernel(kernelName, backendName);
  return config;
}

/** Runs another kernel registered for the same backend and returns its single output. */
export function runBackendKernel(
  kernelName: string,
  backendName: string,
  inputs: NamedTensorInfoMap,
  backend: KernelBackend,
  attrs: NamedAttrMap,
): TensorInfo {
  const config = findKernel(kernelName, backendName);
  if (config === undefined) {
    throw new Error(
      `a fast kernel needs kernel '${kernelName}' on backend '${backendName}', which is not registered.`,
    );
  }
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) {
    throw new Error(
      `Kernel '${kernelName}' on backend '${backendName}' returned several outputs; expected one.`,
    );
  }
  return out;
}

/** Both entries of a [h, w] pair or a single number used for both. */
export function pair(value: [number, number] | number): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** Checks that a TensorInfo is 4-D and returns its shape as a tuple. */
export function shape4(
  info: TensorInfo,
  name: string,
  kernel: string,
): [number, number, number, number] {
  const [a, b, c, d, ...rest] = info.shape;
  if (a === undefined || b === undefined || c === undefined || d === undefined || rest.length > 0) {
    throw new Error(`${kernel}: '${name}' must be rank 4, got shape [${info.shape.join(', ')}].`);
  }
  return [a, b, c, d];
}
