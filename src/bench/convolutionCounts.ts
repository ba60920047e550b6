/** Counts the forward convolutions of a bench row by path, and whether ours fused multiply-adds. */
import * as tf from '@tensorflow/tfjs-core';
import { convCalls } from '../engine/kernels/conv2dForward';
import { backendMemory, fusedConvolutions } from '../engine/kernels/wasm/heapKernels';

/** Starts counting; the returned function gives the counts since, on the current backend. */
export function convolutionCounts(): () => { simd: number; stock: number; fused: boolean } {
  const start = { ...convCalls };
  return () => {
    const memory = backendMemory(tf.backend());
    return {
      simd: convCalls.simd - start.simd,
      stock: convCalls.stock - start.stock,
      fused: memory !== null && fusedConvolutions(memory),
    };
  };
}
