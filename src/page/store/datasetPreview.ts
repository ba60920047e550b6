/**
 * A glimpse of a local dataset as the network sees it: the first image of each class (the first
 * few classes), at the input size and in the colours it was imported with, ready to draw.
 */
import { imageBytes, type ImageDataset } from '../../shared/imageBinary';

/** Classes shown, at most. */
export const PREVIEW_CLASSES = 8;

/** One image to draw: its class and its pixels as RGBA (what a canvas's ImageData takes). */
export interface PreviewImage {
  label: number;
  /** side x side x 4 bytes, opaque. */
  rgba: Uint8ClampedArray;
}

/** The first image of each of the first PREVIEW_CLASSES classes, in class order. */
export function previewImages(data: ImageDataset): PreviewImage[] {
  const size = imageBytes(data);
  const pixels = data.rows * data.cols;
  const first = new Map<number, number>();
  for (let i = 0; i < data.count && first.size < Math.min(data.classes, PREVIEW_CLASSES); i++) {
    const label = data.labels[i] ?? 0;
    if (label < PREVIEW_CLASSES && !first.has(label)) first.set(label, i);
  }
  return [...first.entries()]
    .sort(([a], [b]) => a - b)
    .map(([label, index]) => {
      const image = data.pixels.subarray(index * size, (index + 1) * size);
      const rgba = new Uint8ClampedArray(pixels * 4);
      for (let p = 0; p < pixels; p++) {
        for (let k = 0; k < 3; k++) {
          rgba[4 * p + k] = image[data.channels === 3 ? 3 * p + k : p] ?? 0;
        }
        rgba[4 * p + 3] = 255;
      }
      return { label, rgba };
    });
}
