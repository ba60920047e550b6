/**
 * Writes the wat text of the forward-convolution kernels that scripts/wasm-kernels.ts splices into
 * kernels.wat's module: one function per output-channel width G (16, 8, 4) and pixels P a block,
 * too repetitive to write by hand. `conv{G}x{P}` computes, for every image and output row, blocks of
 * P adjacent output pixels and G output channels from a zero-padded NHWC input:
 *
 *   y[p, g] = sum over filter rows r and the row's (column, channel) pairs t of
 *             x[row + r, column of p + t] * w[r, t, g]
 *
 * with one splat load per pixel and one weight load per 4 channels shared by the P pixels; sums in
 * float32 in the same order as XNNPACK's (filter row, column, channel), as a multiply then an add,
 * or as one relaxed fused multiply-add where the runtime offers relaxed SIMD.
 */
import { CONV_WIDTHS, convKernelName } from '../src/engine/kernels/wasm/convBlocks';

const get = (name: string) => `(local.get $${name})`;
const set = (name: string, value: string) => `(local.set $${name} ${value})`;

/** One kernel's function text. */
function convKernel(channels: number, pixels: number, relaxed: boolean): string {
  const vectors = channels / 4;
  const pix = [...Array(pixels).keys()];
  const vec = [...Array(vectors).keys()];
  const acc = (p: number, v: number) => `a${p}_${v}`;
  /** Pointer to pixel p of a block: base for p 0, else base plus p pixel strides. */
  const at = (base: string, stride: string, p: number) =>
    p === 0 ? get(base) : `(i32.add ${get(base)} ${get(`${stride}${p}`)})`;
  const madd = (a: string, s: string) =>
    relaxed
      ? set(a, `(f32x4.relaxed_madd ${get(s)} ${get('wv')} ${get(a)})`)
      : set(a, `(f32x4.add ${get(a)} (f32x4.mul ${get(s)} ${get('wv')}))`);

  const locals = [
    ...pix.flatMap((p) => vec.map((v) => `(local $${acc(p, v)} v128)`)),
    ...pix.map((p) => `(local $s${p} v128)`),
    '(local $wv v128)',
    ...pix.slice(1).map((p) => `(local $xPix${p} i32) (local $yPix${p} i32)`),
  ];
  const strides = pix
    .slice(1)
    .flatMap((p) => [
      set(`xPix${p}`, `(i32.mul ${get('xPix')} (i32.const ${p}))`),
      set(`yPix${p}`, `(i32.mul ${get('yPix')} (i32.const ${p}))`),
    ]);
  const zero = pix.flatMap((p) => vec.map((v) => set(acc(p, v), '(v128.const i32x4 0 0 0 0)')));
  const step = [
    ...pix.map((p) => set(`s${p}`, `(v128.load32_splat ${at('xp', 'xPix', p)})`)),
    ...vec.flatMap((v) => [
      set('wv', `(v128.load offset=${16 * v} ${get('wp')})`),
      ...pix.map((p) => madd(acc(p, v), `s${p}`)),
    ]),
  ];
  const store = pix.flatMap((p) =>
    vec.map((v) => `(v128.store offset=${16 * v} ${at('yb', 'yPix', p)} ${get(acc(p, v))})`),
  );
  const indent = (lines: string[], depth: number) =>
    lines.map((line) => ' '.repeat(depth) + line).join('\n');

  return `
  ;; ${channels} output channels for ${pixels} pixel${pixels > 1 ? 's' : ''} a block (generated).
  (func (export "${convKernelName(channels, pixels)}")
    (param $x i32) (param $w i32) (param $y i32) (param $n i32) (param $oh i32) (param $blocks i32)
    (param $kh i32) (param $t i32) (param $xRow i32) (param $xImage i32) (param $xPix i32)
    (param $wStep i32) (param $yRow i32) (param $yImage i32) (param $yPix i32)
    (local $img i32) (local $i i32) (local $b i32) (local $r i32)
    (local $xb i32) (local $yb i32) (local $xr i32) (local $wr i32) (local $xp i32) (local $wp i32)
    (local $end i32) (local $wRow i32) (local $tBytes i32)
${indent(locals, 4)}
${indent(strides, 4)}
    ${set('wRow', `(i32.mul ${get('t')} ${get('wStep')})`)}
    ${set('tBytes', `(i32.shl ${get('t')} (i32.const 2))`)}
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_s ${get('img')} ${get('n')}))
      ${set('i', '(i32.const 0)')}
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_s ${get('i')} ${get('oh')}))
        ${set('xb', `(i32.add ${get('x')} (i32.add (i32.mul ${get('img')} ${get('xImage')}) (i32.mul ${get('i')} ${get('xRow')})))`)}
        ${set('yb', `(i32.add ${get('y')} (i32.add (i32.mul ${get('img')} ${get('yImage')}) (i32.mul ${get('i')} ${get('yRow')})))`)}
        ${set('b', '(i32.const 0)')}
        (block $blocksDone (loop $blockLoop
          (br_if $blocksDone (i32.ge_s ${get('b')} ${get('blocks')}))
${indent(zero, 10)}
          ${set('xr', get('xb'))}
          ${set('wr', get('w'))}
          ${set('r', '(i32.const 0)')}
          (block $filterRowsDone (loop $filterRows
            (br_if $filterRowsDone (i32.ge_s ${get('r')} ${get('kh')}))
            ${set('xp', get('xr'))}
            ${set('wp', get('wr'))}
            ${set('end', `(i32.add ${get('xr')} ${get('tBytes')})`)}
            (loop $taps
${indent(step, 14)}
              ${set('xp', `(i32.add ${get('xp')} (i32.const 4))`)}
              ${set('wp', `(i32.add ${get('wp')} ${get('wStep')})`)}
              (br_if $taps (i32.lt_u ${get('xp')} ${get('end')})))
            ${set('xr', `(i32.add ${get('xr')} ${get('xRow')})`)}
            ${set('wr', `(i32.add ${get('wr')} ${get('wRow')})`)}
            ${set('r', `(i32.add ${get('r')} (i32.const 1))`)}
            (br $filterRows)))
${indent(store, 10)}
          ${set('xb', `(i32.add ${get('xb')} (i32.mul ${get('xPix')} (i32.const ${pixels})))`)}
          ${set('yb', `(i32.add ${get('yb')} (i32.mul ${get('yPix')} (i32.const ${pixels})))`)}
          ${set('b', `(i32.add ${get('b')} (i32.const 1))`)}
          (br $blockLoop)))
        ${set('i', `(i32.add ${get('i')} (i32.const 1))`)}
        (br $rows)))
      ${set('img', `(i32.add ${get('img')} (i32.const 1))`)}
      (br $images))))`;
}

/** Every conv kernel's function text, with relaxed fused multiply-adds or without. */
export function convKernelsWat(relaxed: boolean): string {
  return CONV_WIDTHS.flatMap(({ channels, pixels }) =>
    pixels.map((p) => convKernel(channels, p, relaxed)),
  ).join('\n');
}
