/** The dense layer x w + b: one kernel each way on wasm and cpu, a matrix product and an add elsewhere. */
import * as tf from '@tensorflow/tfjs-core';
import { hasArrayKernel, runArrayKernel } from '../kernels/arrayKernels';
import { denseForward } from '../kernels/denseKernels';

export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (!hasArrayKernel(denseForward.kernelName)) return tf.add(tf.matMul(x, w), b);
  const [y, wT] = runArrayKernel(denseForward, [x, w, b]);
  // The gradient keeps its own copy of wT.
  wT?.dispose();
  return y as tf.Tensor2D;
}
