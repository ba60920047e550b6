/**
 * Mean softmax cross-entropy of logits [b, k] against class indices as one kernel each way on wasm
 * and cpu, where tfjs's losses.softmaxCrossEntropy runs about 25 small kernels (a one-hot, a
 * log-sum-exp, its customGrad, the weighted mean and their gradients) on a 20x10 tensor:
 *
 *   forward:  loss = mean over rows i of (log sum_j exp(x_ij - m_i) + m_i - x_i,label),
 *             m_i the row's maximum; also p = softmax(x), kept for the backward pass
 *   backward: dx_ij = dy * (p_ij - [j = label_i]) / b
 *
 * Each row is summed in float64 and rounded once, so the values differ from tfjs's float32 chain by
 * rounding only. A NaN anywhere in a row makes its loss and gradient NaN, as tfjs's does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerGradient } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { registerArrayKernel, runArrayKernel, type ArrayKernel } from './arrayKernels';

/** Checks logits [b, k] and labels [b]; returns b and k. */
function rowsAndClasses(logits: readonly number[], labels: readonly number[], kernel: string) {
  const [b, k] = logits;
  if (logits.length !== 2 || labels.length !== 1 || labels[0] !== b || b === undefined || !k) {
    throw new Error(
      `${kernel}: logits must be [b, k] and labels [b], got [${logits.join(', ')}] and [${labels.join(', ')}].`,
    );
  }
  return { b, k };
}

/** The class index of a label value, or -1 when it is not one of the k classes. */
const classOf = (label: number, k: number) =>
  Number.isInteger(label) && label >= 0 && label < k ? label : -1;

/** Inputs: logits [b, k] and labels [b] (class indices as float32). Outputs: loss [], p [b, k]. */
export const softmaxCrossEntropyForward: ArrayKernel = {
  kernelName: 'BnlabSoftmaxCrossEntropy',
  inputNames: ['logits', 'labels'],
  outputShapes([logits = [], labels = []]) {
    rowsAndClasses(logits, labels, 'BnlabSoftmaxCrossEntropy');
    return [[], [...logits]];
  },
  compute([x, labels], [shape = []], [loss, p]) {
    if (!x || !labels || !loss || !p) return;
    const [b = 0, k = 0] = shape;
    let total = 0;
    for (let i = 0; i < b; i++) {
      const row = i * k;
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        const v = x[row + j] as number;
        if (v > max || Number.isNaN(v)) max = v;
        if (Number.isNaN(v)) break;
      }
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp((x[row + j] as number) - max);
      const logSum = Math.log(sum);
      for (let j = 0; j < k; j++) p[row + j] = Math.exp((x[row + j] as number) - max - logSum);
      const label = classOf(labels[i] as number, k);
      total += logSum + max - (label < 0 ? NaN : (x[row + label] as number));
    }
    loss[0] = b > 0 ? total / b : NaN;
  },
};

/** Inputs: the loss's gradient dy [], p [b, k] and labels [b]. Output: dx [b, k]. */
const softmaxCrossEntropyBackward: ArrayKernel = {
  kernelName: 'BnlabSoftmaxCrossEntropyGrad',
  inputNames: ['dy', 'p', 'labels'],
  outputShapes([dy = [], p = [], labels = []]) {
    rowsAndClasses(p, labels, 'BnlabSoftmaxCrossEntropyGrad');
    if (dy.length !== 0) {
      throw new Error(`BnlabSoftmaxCrossEntropyGrad: dy must be a scalar, got [${dy.join(', ')}].`);
    }
    return [[...p]];
  },
  compute([dy, p, labels], [, shape = []], [dx]) {
    if (!dy || !p || !labels || !dx) return;
    const [b = 0, k = 0] = shape;
    const scale = (dy[0] as number) / b;
    for (let i = 0; i < b; i++) {
      const label = classOf(labels[i] as number, k);
      for (let j = 0; j < k; j++) {
        const target = label < 0 ? NaN : j === label ? 1 : 0;
        dx[i * k + j] = ((p[i * k + j] as number) - target) * scale;
      }
    }
  },
};

/** Registers both kernels (wasm and cpu) and the forward's gradient: the backward kernel. */
export function registerSoftmaxCrossEntropy(): void {
  registerArrayKernel(softmaxCrossEntropyForward);
  registerArrayKernel(softmaxCrossEntropyBackward);
  registerGradient({
    kernelName: softmaxCrossEntropyForward.kernelName,
    inputsToSave: ['labels'],
    outputsToSave: [false, true],
    gradFunc: (dys, saved) => {
      const [dy] = dys as Tensor[];
      const [labels, p] = saved;
      if (!dy || !labels || !p) {
        throw new Error('BnlabSoftmaxCrossEntropy gradient: missing saved tensors.');
      }
      const [dx] = runArrayKernel(softmaxCrossEntropyBackward, [dy, p, labels]);
      return { logits: () => dx as Tensor, labels: () => tf.zerosLike(labels) };
    },
  });
}
