/**
 * The gradient of a 2x2, stride-2, 'valid' max pool as one loop: each window's gradient goes to its
 * first maximum in row-major order (strictly greater values take over, so ties keep the first), as
 * tfjs-cpu's stock MaxPoolGrad does; positions in no window (an odd last row or column) get zero.
 */
import type { ArrayKernel } from './arrayKernels';

/** Inputs: the pool's input x [n, h, w, c] and the gradient of its output dy [n, h/2, w/2, c]. */
export const maxPool2x2Grad: ArrayKernel = {
  kernelName: 'BnlabMaxPool2x2Grad',
  inputNames: ['x', 'dy'],
  outputShapes([x = [], dy = []]) {
    const [n, h, w, c] = x;
    const expected = [n, Math.floor((h ?? 0) / 2), Math.floor((w ?? 0) / 2), c];
    if (x.length !== 4 || dy.join() !== expected.join()) {
      throw new Error(
        `BnlabMaxPool2x2Grad: dy must be [${expected.join(', ')}] for x [${x.join(', ')}], got [${dy.join(', ')}].`,
      );
    }
    return [[...x]];
  },
  simd(kernels, [x, dy], [shape = []], [dx]) {
    const [n = 0, h = 0, w = 0, c = 0] = shape;
    // Four channels per SIMD lane group; pointers 4-byte aligned as tfjs-wasm's are.
    if (c % 4 !== 0 || x === undefined || dy === undefined || dx === undefined) return false;
    kernels.maxPool2x2Grad(x, dy, dx, n, h, w, c);
    return true;
  },
  compute([x, dy], [shape = []], [dx]) {
    if (!x || !dy || !dx) return;
    const [n = 0, h = 0, w = 0, c = 0] = shape;
    const oh = Math.floor(h / 2);
    const ow = Math.floor(w / 2);
    const row = w * c;
    dx.fill(0);
    let from = 0;
    for (let b = 0; b < n; b++) {
      for (let oy = 0; oy < oh; oy++) {
        const top = (b * h + 2 * oy) * row;
        for (let ox = 0; ox < ow; ox++) {
          const first = top + 2 * ox * c;
          for (let ch = 0; ch < c; ch++, from++) {
            let at = first + ch;
            let best = x[at] as number;
            const right = at + c;
            const below = at + row;
            const diagonal = below + c;
            if ((x[right] as number) > best) {
              at = right;
              best = x[right] as number;
            }
            if ((x[below] as number) > best) {
              at = below;
              best = x[below] as number;
            }
            if ((x[diagonal] as number) > best) at = diagonal;
            dx[at] = dy[from] as number;
          }
        }
      }
    }
  },
};
