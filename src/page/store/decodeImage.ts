/**
 * An image file decoded by the browser to grey levels: its own size, each pixel's luminance
 * (0.299 R + 0.587 G + 0.114 B) scaled by its opacity, so a transparent background reads as 0.
 */

/** A decoded image: height x width grey levels, row-major. */
export interface GreyImage {
  rows: number;
  cols: number;
  grey: Uint8Array;
}

/** Largest side decoded, pixels (bigger images are refused before they take the memory). */
const MAX_DECODED_SIDE = 4096;

export type DecodeImage = (bytes: Uint8Array) => Promise<GreyImage>;

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
    const grey = new Uint8Array(width * height);
    for (let i = 0; i < grey.length; i++) {
      const [r, g, b, a] = [
        rgba[4 * i] ?? 0,
        rgba[4 * i + 1] ?? 0,
        rgba[4 * i + 2] ?? 0,
        rgba[4 * i + 3] ?? 0,
      ];
      grey[i] = Math.round(((0.299 * r + 0.587 * g + 0.114 * b) * a) / 255);
    }
    return { rows: height, cols: width, grey };
  } finally {
    bitmap.close();
  }
};
