/**
 * Training-mode batch normalization as two kernels, forward and backward, over an NHWC tensor viewed
 * as [m, c] rows: each reads the activation twice or three times instead of the dozen full-size ops
 * BN is otherwise made of. Sums are accumulated in float64 (the SIMD build: 64 rows in float32,
 * then float64). The backward kernel is the closed-form gradient through the batch mean and
 * variance (see normalization/batchNorm.ts).
 */
import { registerGradient } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { registerArrayKernel, runArrayKernel, type ArrayKernel } from './arrayKernels';

/** Rows and channels of an NHWC shape viewed as [m, c]. */
function rowsAndChannels(shape: readonly number[]): [number, number] {
  const c = shape[shape.length - 1] ?? 1;
  const size = shape.reduce((a, b) => a * b, 1);
  return [c === 0 ? 0 : size / c, c];
}

/** Checks that each per-channel input has shape [c]. */
function checkChannelVectors(
  kernel: string,
  shapes: readonly (readonly number[])[],
  from: number,
  c: number,
): void {
  shapes.slice(from).forEach((shape, i) => {
    if (shape.length !== 1 || shape[0] !== c) {
      throw new Error(
        `${kernel}: input ${from + i} must have shape [${c}], got [${shape.join(', ')}].`,
      );
    }
  });
}

/** Can the SIMD build take this shape: whole groups of 4 channels and at least one row? */
const simdFits = (m: number, c: number) => c % 4 === 0 && c > 0 && m > 0;

/**
 * Inputs x (NHWC), gamma [c], beta [c]; attribute epsilon. Outputs y (x's shape), the batch mean
 * [c], its biased variance [c] and invStd = 1 / sqrt(variance + epsilon) [c].
 */
export const batchNormForward: ArrayKernel = {
  kernelName: 'BnlabBatchNormForward',
  inputNames: ['x', 'gamma', 'beta'],
  outputShapes(shapes) {
    const x = shapes[0] ?? [];
    const [, c] = rowsAndChannels(x);
    checkChannelVectors('BnlabBatchNormForward', shapes, 1, c);
    return [[...x], [c], [c], [c]];
  },
  simd(kernels, [x, gamma, beta], [shape = []], [y, mean, variance, invStd], { epsilon = 0 }) {
    const [m, c] = rowsAndChannels(shape);
    if (!simdFits(m, c)) return false;
    kernels.batchNormForward(
      x as number,
      gamma as number,
      beta as number,
      y as number,
      mean as number,
      variance as number,
      invStd as number,
      m,
      c,
      epsilon,
    );
    return true;
  },
  compute([x, gamma, beta], [shape = []], [y, mean, variance, invStd], { epsilon = 0 }) {
    if (!x || !gamma || !beta || !y || !mean || !variance || !invStd) return;
    const [m, c] = rowsAndChannels(shape);
    const sums = new Float64Array(c);
    for (let i = 0; i < m * c; i += c)
      for (let ch = 0; ch < c; ch++) sums[ch] = (sums[ch] as number) + (x[i + ch] as number);
    for (let ch = 0; ch < c; ch++) mean[ch] = (sums[ch] as number) / m;
    sums.fill(0);
    for (let i = 0; i < m * c; i += c)
      for (let ch = 0; ch < c; ch++)
        sums[ch] = (sums[ch] as number) + ((x[i + ch] as number) - (mean[ch] as number)) ** 2;
    for (let ch = 0; ch < c; ch++) {
      variance[ch] = (sums[ch] as number) / m;
      invStd[ch] = 1 / Math.sqrt((variance[ch] as number) + epsilon);
    }
    for (let i = 0; i < m * c; i += c)
      for (let ch = 0; ch < c; ch++)
        y[i + ch] =
          ((x[i + ch] as number) - (mean[ch] as number)) *
            ((gamma[ch] as number) * (invStd[ch] as number)) +
          (beta[ch] as number);
  },
};

/**
 * Inputs dy, x (NHWC), the forward's mean and invStd, gamma. Outputs dx, dgamma, dbeta:
 *   dbeta = sum dy, dgamma = invStd * sum dy (x - mean),
 *   dx = a dy + (x - mean) (-a invStd dgamma / m) - a dbeta / m,  a = gamma * invStd.
 */
const batchNormBackward: ArrayKernel = {
  kernelName: 'BnlabBatchNormBackward',
  inputNames: ['dy', 'x', 'mean', 'invStd', 'gamma'],
  outputShapes(shapes) {
    const [dy = [], x = []] = shapes;
    if (dy.join() !== x.join()) {
      throw new Error(
        `BnlabBatchNormBackward: dy [${dy.join(', ')}] and x [${x.join(', ')}] differ.`,
      );
    }
    const [, c] = rowsAndChannels(x);
    checkChannelVectors('BnlabBatchNormBackward', shapes, 2, c);
    return [[...x], [c], [c]];
  },
  simd(kernels, [dy, x, mean, invStd, gamma], [shape = []], [dx, dgamma, dbeta]) {
    const [m, c] = rowsAndChannels(shape);
    if (!simdFits(m, c)) return false;
    kernels.batchNormBackward(
      dy as number,
      x as number,
      mean as number,
      invStd as number,
      gamma as number,
      dx as number,
      dgamma as number,
      dbeta as number,
      m,
      c,
    );
    return true;
  },
  compute([dy, x, mean, invStd, gamma], [shape = []], [dx, dgamma, dbeta]) {
    if (!dy || !x || !mean || !invStd || !gamma || !dx || !dgamma || !dbeta) return;
    const [m, c] = rowsAndChannels(shape);
    const sumDy = new Float64Array(c);
    const sumDyX = new Float64Array(c);
    for (let i = 0; i < m * c; i += c)
      for (let ch = 0; ch < c; ch++) {
        sumDy[ch] = (sumDy[ch] as number) + (dy[i + ch] as number);
        sumDyX[ch] =
          (sumDyX[ch] as number) +
          (dy[i + ch] as number) * ((x[i + ch] as number) - (mean[ch] as number));
      }
    const a = new Float64Array(c);
    const k1 = new Float64Array(c);
    const k0 = new Float64Array(c);
    for (let ch = 0; ch < c; ch++) {
      dbeta[ch] = sumDy[ch] as number;
      dgamma[ch] = (sumDyX[ch] as number) * (invStd[ch] as number);
      a[ch] = (gamma[ch] as number) * (invStd[ch] as number);
      k1[ch] = (-(a[ch] as number) * (invStd[ch] as number) * (dgamma[ch] as number)) / m;
      k0[ch] = (-(a[ch] as number) * (dbeta[ch] as number)) / m;
    }
    for (let i = 0; i < m * c; i += c)
      for (let ch = 0; ch < c; ch++)
        dx[i + ch] =
          (dy[i + ch] as number) * (a[ch] as number) +
          ((x[i + ch] as number) - (mean[ch] as number)) * (k1[ch] as number) +
          (k0[ch] as number);
  },
};

/**
 * Registers both kernels (wasm and cpu) and the forward's gradient: the backward kernel, for y. The
 * mean and variance outputs only feed running averages; a gradient reaching them is not followed.
 */
export function registerBatchNormKernels(): void {
  registerArrayKernel(batchNormForward);
  registerArrayKernel(batchNormBackward);
  registerGradient({
    kernelName: batchNormForward.kernelName,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, false, true],
    gradFunc: (dys, saved) => {
      const [dy] = dys as Tensor[];
      const [x, gamma, mean, invStd] = saved;
      if (!dy || !x || !gamma || !mean || !invStd) {
        throw new Error('BnlabBatchNormForward gradient: missing saved tensors.');
      }
      const [dx, dgamma, dbeta] = runArrayKernel(batchNormBackward, [dy, x, mean, invStd, gamma]);
      return {
        x: () => dx as Tensor,
        gamma: () => dgamma as Tensor,
        beta: () => dbeta as Tensor,
      };
    },
  });
}
