/**
 * An image file decoded by the browser to red, green and blue levels at its own size, each scaled
 * by the pixel's opacity, so a transparent background reads as 0 (black).
 */

/** A decoded image: height x width pixels of `channels` levels each (interleaved), row-major. */
export interface DecodedImage {
  rows: number;
  cols: number;
  /** 1 = grey, 3 = red, green, blue. */
  channels: 1 | 3;
  pixels: Uint8Array;
}

/** Largest side decoded, pixels (bigger images are refused before they take the memory). */
const MAX_DECODED_SIDE = 4096;

export type DecodeImage = (bytes: Uint8Array) => Promise<DecodedImage>;

/** The browser's decoder: createImageBitmap, drawn on an OffscreenCanvas. Throws when unreadable. */
export const decodeImageInBrowser: DecodeImage = async (bytes) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    const { width, height } = bitmap;
    if (width > MAX_DECODED_SIDE || height > MAX_DECODED_SIDE) {
      throw new Error(`${width}×${height} pixels, more than ${MAX_DECODED_SIDE} a side`);
    }
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, width, height).data;
    const pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const alpha = rgba[4 * i + 3] ?? 0;
      for (let k = 0; k < 3; k++) {
        pixels[3 * i + k] = Math.round(((rgba[4 * i + k] ?? 0) * alpha) / 255);
      }
    }
    return { rows: height, cols: width, channels: 3, pixels };
  } finally {
    bitmap.close();
  }
};
