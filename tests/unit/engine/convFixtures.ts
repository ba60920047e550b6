/** Forward conv2d cases and a float64 loop over its definition, shared by the conv tests. */

export type Shape4 = [number, number, number, number];
type ExplicitPad = [[0, 0], [number, number], [number, number], [0, 0]];

/** A forward convolution case: input, filter, padding and the pads it means before the image. */
export interface ConvCase {
  name: string;
  x: Shape4;
  w: Shape4;
  pad: 'same' | 'valid' | ExplicitPad;
  top: number;
  left: number;
  /** An all-zero input. */
  blank?: boolean;
}

export const CONV_CASES: ConvCase[] = [
  {
    name: "the model's conv 1 (1 -> 8, 5x5 same)",
    x: [3, 28, 28, 1],
    w: [5, 5, 1, 8],
    pad: 'same',
    top: 2,
    left: 2,
  },
  {
    name: "the model's conv 2 (8 -> 16)",
    x: [2, 14, 14, 8],
    w: [5, 5, 8, 16],
    pad: 'same',
    top: 2,
    left: 2,
  },
  {
    name: "conv 2's input gradient (16 -> 8)",
    x: [2, 14, 14, 16],
    w: [5, 5, 16, 8],
    pad: 'same',
    top: 2,
    left: 2,
  },
  {
    name: '28 channels (16 + 8 + 4), row tails, valid',
    x: [2, 5, 7, 2],
    w: [3, 3, 2, 28],
    pad: 'valid',
    top: 0,
    left: 0,
  },
  { name: '28 channels, same', x: [1, 6, 7, 3], w: [3, 3, 3, 28], pad: 'same', top: 1, left: 1 },
  {
    name: '8 channels, a tail of 3 pixels',
    x: [1, 4, 7, 2],
    w: [3, 3, 2, 8],
    pad: 'same',
    top: 1,
    left: 1,
  },
  {
    name: '4 channels, a 1x3 filter, a tail of 2',
    x: [1, 3, 6, 1],
    w: [1, 3, 1, 4],
    pad: 'same',
    top: 0,
    left: 1,
  },
  {
    name: 'explicit asymmetric pads, 12 channels (8 + 4)',
    x: [2, 6, 5, 3],
    w: [3, 2, 3, 12],
    pad: [
      [0, 0],
      [2, 0],
      [0, 1],
      [0, 0],
    ],
    top: 2,
    left: 0,
  },
  {
    name: 'valid, no padding buffer',
    x: [2, 9, 9, 4],
    w: [3, 3, 4, 8],
    pad: 'valid',
    top: 0,
    left: 0,
  },
  {
    name: 'an even 4x4 filter, same (extra pad at the bottom)',
    x: [1, 6, 6, 2],
    w: [4, 4, 2, 8],
    pad: 'same',
    top: 1,
    left: 1,
  },
  { name: 'a 1x1 filter', x: [2, 4, 4, 5], w: [1, 1, 5, 16], pad: 'same', top: 0, left: 0 },
  {
    name: 'a blank image',
    x: [2, 10, 10, 8],
    w: [5, 5, 8, 16],
    pad: 'same',
    top: 2,
    left: 2,
    blank: true,
  },
];

/**
 * Calls visit(xi, wi, yi) for every product x[xi] * w[wi] that a stride-1 conv2d adds into y[yi],
 * `top` and `left` pads before the image.
 */
function forEachProduct(
  xShape: Shape4,
  wShape: Shape4,
  yShape: number[],
  top: number,
  left: number,
  visit: (xi: number, wi: number, yi: number) => void,
): void {
  const [, h, wd, c] = xShape;
  const [kh, kw, , f] = wShape;
  const [n = 0, oh = 0, ow = 0] = yShape;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let p = 0; p < kh; p++)
          for (let q = 0; q < kw; q++) {
            const r = i + p - top;
            const col = j + q - left;
            if (r < 0 || r >= h || col < 0 || col >= wd) continue;
            for (let ch = 0; ch < c; ch++)
              for (let o = 0; o < f; o++)
                visit(
                  ((b * h + r) * wd + col) * c + ch,
                  ((p * kw + q) * c + ch) * f + o,
                  ((b * oh + i) * ow + j) * f + o,
                );
          }
}

/** y = conv2d(x, w), stride 1, `top` and `left` pads before the image, in float64. */
export function convByLoops(
  x: Float32Array,
  xShape: Shape4,
  w: Float32Array,
  wShape: Shape4,
  yShape: number[],
  top: number,
  left: number,
): Float64Array {
  const y = new Float64Array(yShape.reduce((a, b) => a * b, 1));
  forEachProduct(xShape, wShape, yShape, top, left, (xi, wi, yi) => {
    y[yi]! += x[xi]! * w[wi]!;
  });
  return y;
}

/** dW of conv2d(x, W) for output gradient dy, stride 1, `top` and `left` pads, in float64. */
export function filterGradByLoops(
  x: Float32Array,
  xShape: Shape4,
  dy: Float32Array,
  dyShape: number[],
  wShape: Shape4,
  top: number,
  left: number,
): Float64Array {
  const dw = new Float64Array(wShape.reduce((a, b) => a * b, 1));
  forEachProduct(xShape, wShape, dyShape, top, left, (xi, wi, yi) => {
    dw[wi]! += x[xi]! * dy[yi]!;
  });
  return dw;
}

/** Largest |a - b| over the largest |b| (or 1 where b is all small). */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return a.length === b.length ? diff / scale : Infinity;
}
