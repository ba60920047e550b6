/**
 * A dense layer y = x w + b as one kernel forward and one backward. On tfjs-wasm each of the three
 * small matrix products of a dense layer (784 x 10 here) packs its right-hand matrix as XNNPACK
 * weights on every call and transposes where asked: about 1 ms of a batch-64 step for 1.5 M
 * multiply-adds. The forward kernel also returns w transposed, which the backward pass reads.
 */
import { registerGradient } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { registerArrayKernel, runArrayKernel, type ArrayKernel } from './arrayKernels';

/** [m, k] and [k, n] of a dense layer's x and w, checked. */
function denseShape(
  kernel: string,
  x: readonly number[],
  w: readonly number[],
): [number, number, number] {
  const [m = 0, k = 0] = x;
  const [wk = 0, n = 0] = w;
  if (x.length !== 2 || w.length !== 2 || wk !== k) {
    throw new Error(`${kernel}: x [${x.join(', ')}] and w [${w.join(', ')}] do not multiply.`);
  }
  return [m, k, n];
}

/** Can the SIMD build take it: inner dimension in whole groups of 4, something to compute? */
const simdFits = (m: number, k: number, n: number) => k % 4 === 0 && m > 0 && k > 0 && n > 0;

/** Inputs x [m, k], w [k, n], b [n]; outputs y [m, n] and wT [n, k] (w transposed). */
export const denseForward: ArrayKernel = {
  kernelName: 'BnlabDenseForward',
  inputNames: ['x', 'w', 'b'],
  outputShapes([x = [], w = [], b = []]) {
    const [m, k, n] = denseShape('BnlabDenseForward', x, w);
    if (b.length !== 1 || b[0] !== n) {
      throw new Error(`BnlabDenseForward: b must have shape [${n}], got [${b.join(', ')}].`);
    }
    return [
      [m, n],
      [n, k],
    ];
  },
  simd(kernels, [x, w, b], [xShape = [], wShape = []], [y, wT]) {
    const [m, k, n] = denseShape('BnlabDenseForward', xShape, wShape);
    if (!simdFits(m, k, n)) return false;
    kernels.denseForward(x as number, w as number, b as number, y as number, wT as number, m, k, n);
    return true;
  },
  compute([x, w, b], [xShape = [], wShape = []], [y, wT]) {
    if (!x || !w || !b || !y || !wT) return;
    const [m, k, n] = denseShape('BnlabDenseForward', xShape, wShape);
    for (let kk = 0; kk < k; kk++)
      for (let j = 0; j < n; j++) wT[j * k + kk] = w[kk * n + j] as number;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let kk = 0; kk < k; kk++)
          sum += (x[i * k + kk] as number) * (wT[j * k + kk] as number);
        y[i * n + j] = sum + (b[j] as number);
      }
  },
};

/** Inputs dy [m, n], x [m, k], wT [n, k]; outputs dx [m, k], dw [k, n], db [n]. */
const denseBackward: ArrayKernel = {
  kernelName: 'BnlabDenseBackward',
  inputNames: ['dy', 'x', 'wT'],
  outputShapes([dy = [], x = [], wT = []]) {
    const [m = 0, k = 0] = x;
    const [n = 0, tk = 0] = wT;
    if (dy.join() !== [m, n].join() || tk !== k) {
      throw new Error(
        `BnlabDenseBackward: dy [${dy.join(', ')}], x [${x.join(', ')}] and wT [${wT.join(', ')}] do not match.`,
      );
    }
    return [[m, k], [k, n], [n]];
  },
  simd(kernels, [dy, x, wT], [, xShape = [], wTShape = []], [dx, dw, db]) {
    const [m = 0, k = 0] = xShape;
    const [n = 0] = wTShape;
    if (!simdFits(m, k, n)) return false;
    kernels.denseBackward(
      dy as number,
      x as number,
      wT as number,
      dx as number,
      dw as number,
      db as number,
      m,
      k,
      n,
    );
    return true;
  },
  compute([dy, x, wT], [, xShape = [], wTShape = []], [dx, dw, db]) {
    if (!dy || !x || !wT || !dx || !dw || !db) return;
    const [m = 0, k = 0] = xShape;
    const [n = 0] = wTShape;
    for (let i = 0; i < m; i++)
      for (let kk = 0; kk < k; kk++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += (dy[i * n + j] as number) * (wT[j * k + kk] as number);
        dx[i * k + kk] = sum;
      }
    for (let kk = 0; kk < k; kk++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += (x[i * k + kk] as number) * (dy[i * n + j] as number);
        dw[kk * n + j] = sum;
      }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < m; i++) sum += dy[i * n + j] as number;
      db[j] = sum;
    }
  },
};

/** Registers both kernels (wasm and cpu) and the forward's gradient: the backward kernel, for y. */
export function registerDenseKernels(): void {
  registerArrayKernel(denseForward);
  registerArrayKernel(denseBackward);
  registerGradient({
    kernelName: denseForward.kernelName,
    inputsToSave: ['x'],
    outputsToSave: [false, true],
    gradFunc: (dys, saved) => {
      const [dy] = dys as Tensor[];
      const [x, wT] = saved;
      if (!dy || !x || !wT) throw new Error('BnlabDenseForward gradient: missing saved tensors.');
      const [dx, dw, db] = runArrayKernel(denseBackward, [dy, x, wT]);
      return { x: () => dx as Tensor, w: () => dw as Tensor, b: () => db as Tensor };
    },
  });
}
