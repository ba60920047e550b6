/**
 * The ReLU gradient as one kernel on wasm and cpu: dx = dy * step(x), where tfjs's own gradient runs
 * Step, Cast and Multiply (three kernels and two full-size temporaries per ReLU of every step). The
 * same floats: dy where x > 0, 0 * dy elsewhere (-0 for a negative dy), NaN where x is NaN.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradient, Relu } from '@tensorflow/tfjs-core';
import {
  hasArrayKernel,
  registerArrayKernel,
  runArrayKernel,
  type ArrayKernel,
} from './arrayKernels';

/** step(x) of tfjs: 1 above zero, 0 at or below, NaN for NaN. */
const step = (x: number) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : 0);

/** Inputs: the gradient of the ReLU's output dy and its input x, of one shape. */
const reluGrad: ArrayKernel = {
  kernelName: 'BnlabReluGrad',
  inputNames: ['dy', 'x'],
  outputShapes([dy = [], x = []]) {
    if (dy.join() !== x.join()) {
      throw new Error(
        `BnlabReluGrad: dy [${dy.join(', ')}] and x [${x.join(', ')}] must have one shape.`,
      );
    }
    return [[...x]];
  },
  simd(kernels, [dy, x], [shape = []], [dx]) {
    const size = tf.util.sizeFromShape([...shape]);
    if (size % 4 !== 0 || dy === undefined || x === undefined || dx === undefined) return false;
    kernels.reluGrad(dy, x, dx, size);
    return true;
  },
  compute([dy, x], _shapes, [dx]) {
    if (!dy || !x || !dx) return;
    for (let i = 0; i < dx.length; i++) dx[i] = (dy[i] as number) * step(x[i] as number);
  },
};

/** Registers the kernel and makes it ReLU's gradient where the backend has it (else tfjs's ops). */
export function registerReluGrad(): void {
  registerArrayKernel(reluGrad);
  registerGradient({
    kernelName: Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      if (!x || Array.isArray(dy)) throw new Error('Relu gradient: expected one dy and saved x.');
      return {
        x: () =>
          hasArrayKernel(reluGrad.kernelName)
            ? (runArrayKernel(reluGrad, [dy, x])[0] as tf.Tensor)
            : tf.mul(dy, tf.cast(tf.step(x), 'float32')),
      };
    },
  });
}
