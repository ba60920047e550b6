/** Colour to grey: each pixel's luminance, as television standards weigh red, green and blue. */

/** ITU-R BT.601 weights of red, green and blue in luminance (they sum to 1). */
const LUMINANCE_WEIGHTS = [0.299, 0.587, 0.114] as const;

/** Interleaved red, green, blue levels (0..255) as grey levels, rounded. */
export function toGrey(rgb: ArrayLike<number>): Uint8Array {
  const [wr, wg, wb] = LUMINANCE_WEIGHTS;
  const grey = new Uint8Array(Math.floor(rgb.length / 3));
  for (let i = 0; i < grey.length; i++) {
    const r = rgb[3 * i] ?? 0;
    const g = rgb[3 * i + 1] ?? 0;
    const b = rgb[3 * i + 2] ?? 0;
    grey[i] = Math.round(wr * r + wg * g + wb * b);
  }
  return grey;
}
