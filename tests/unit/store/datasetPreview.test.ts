import { describe, expect, it } from 'vitest';
import { previewImages, PREVIEW_CLASSES } from '../../../src/page/store/datasetPreview';
import type { ImageDataset } from '../../../src/shared/imageBinary';

/** `labels.length` images of 1x2 pixels; image i's levels start at 10 i. */
const dataset = (labels: number[], channels: 1 | 3, classes: number): ImageDataset => ({
  count: labels.length,
  rows: 1,
  cols: 2,
  channels,
  classes,
  labels: Uint8Array.from(labels),
  pixels: Uint8Array.from(
    { length: labels.length * 2 * channels },
    (_, i) => Math.floor(i / (2 * channels)) * 10 + (i % (2 * channels)),
  ),
});

describe('previewImages', () => {
  it('takes the first image of each class, in class order, grey repeated in red, green and blue', () => {
    const preview = previewImages(dataset([1, 0, 1, 0], 1, 2));
    expect(preview.map((p) => p.label)).toEqual([0, 1]);
    // Class 0 first appears as image 1 (levels 10, 11); class 1 as image 0 (levels 0, 1).
    expect(Array.from(preview[0]?.rgba ?? [])).toEqual([10, 10, 10, 255, 11, 11, 11, 255]);
    expect(Array.from(preview[1]?.rgba ?? [])).toEqual([0, 0, 0, 255, 1, 1, 1, 255]);
  });

  it('keeps colour as it is, and shows at most PREVIEW_CLASSES classes', () => {
    const colour = previewImages(dataset([0], 3, 1));
    expect(Array.from(colour[0]?.rgba ?? [])).toEqual([0, 1, 2, 255, 3, 4, 5, 255]);
    const many = previewImages(
      dataset(
        Array.from({ length: 30 }, (_, i) => i % 12),
        1,
        12,
      ),
    );
    expect(many.map((p) => p.label)).toEqual(Array.from({ length: PREVIEW_CLASSES }, (_, i) => i));
  });
});
