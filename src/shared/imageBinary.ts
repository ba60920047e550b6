/**
 * The compact image file the app ships for each dataset (MNIST, Fashion-MNIST): a 24-byte header, then one uint8 label per image, then the
 * images as uint8 grey levels (0 = background, 255 = ink), row-major, image after image.
 *
 * Header (little-endian uint32 words): magic "BNM1", format version, image count, rows, columns,
 * class count.
 */

/** "BNM1" read as a little-endian uint32. */
const MNIST_MAGIC = 0x314d4e42;
/** Version of the layout above; bump on any change. */
const MNIST_FORMAT_VERSION = 1;
/** Bytes before the labels. */
export const MNIST_HEADER_BYTES = 24;

/** Images and labels held in memory, as the binary stores them. */
export interface ImageDataset {
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  cols: number;
  /** Number of classes; labels are in [0, classes). */
  classes: number;
  /** One label per image. */
  labels: Uint8Array;
  /** count x rows x cols grey levels, 0..255. */
  pixels: Uint8Array;
}

/** Serialize a dataset to the binary layout. */
export function encodeMnist(data: ImageDataset): Uint8Array {
  const imageBytes = data.rows * data.cols;
  if (data.labels.length !== data.count) throw new Error('labels length differs from count');
  if (data.pixels.length !== data.count * imageBytes) {
    throw new Error('pixels length differs from count x rows x cols');
  }
  const out = new Uint8Array(MNIST_HEADER_BYTES + data.count * (1 + imageBytes));
  const header = new DataView(out.buffer);
  const words = [MNIST_MAGIC, MNIST_FORMAT_VERSION, data.count, data.rows, data.cols, data.classes];
  words.forEach((w, i) => header.setUint32(i * 4, w, true));
  out.set(data.labels, MNIST_HEADER_BYTES);
  out.set(data.pixels, MNIST_HEADER_BYTES + data.count);
  return out;
}

/** Parse the binary layout; throws an Error naming what is wrong with a corrupt file. */
export function decodeMnist(buffer: ArrayBuffer | Uint8Array): ImageDataset {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < MNIST_HEADER_BYTES) {
    throw new Error(
      `image file too short: ${bytes.length} bytes, header needs ${MNIST_HEADER_BYTES}`,
    );
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, MNIST_HEADER_BYTES);
  const word = (i: number): number => header.getUint32(i * 4, true);
  if (word(0) !== MNIST_MAGIC) throw new Error('not a BatchNorm Lab image file (bad magic number)');
  if (word(1) !== MNIST_FORMAT_VERSION) {
    throw new Error(`image file format version ${word(1)}, expected ${MNIST_FORMAT_VERSION}`);
  }
  const [count, rows, cols, classes] = [word(2), word(3), word(4), word(5)];
  const expected = MNIST_HEADER_BYTES + count * (1 + rows * cols);
  if (bytes.length !== expected) {
    throw new Error(`image file is ${bytes.length} bytes, its header promises ${expected}`);
  }
  const labels = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + count);
  for (const label of labels) {
    if (label >= classes) throw new Error(`label ${label} out of range 0..${classes - 1}`);
  }
  const pixels = bytes.subarray(MNIST_HEADER_BYTES + count);
  return { count, rows, cols, classes, labels, pixels };
}
