/**
 * The compact image file the app ships for each dataset (MNIST, Fashion-MNIST) and stores for each
 * imported one: a header, then one uint8 label per image, then the images as uint8 levels
 * (0 = background, 255 = full), row-major, channels interleaved per pixel, image after image.
 *
 * Header (little-endian uint32 words): magic "BNM1", format version, image count, rows, columns,
 * class count and, from version 2, channels (1 = grey, 3 = red, green, blue). Version 1 files (24
 * bytes of header, grey) are still read: datasets imported before colour are stored that way.
 */

/** "BNM1" read as a little-endian uint32. */
const MNIST_MAGIC = 0x314d4e42;
/** Version of the layout above that is written; bump on any change. */
const MNIST_FORMAT_VERSION = 2;
/** Bytes before the labels, by format version. */
const HEADER_BYTES: Readonly<Record<number, number>> = { 1: 24, 2: 28 };
/** Bytes before the labels in the files written now. */
export const MNIST_HEADER_BYTES = 28;
/** Channels an image may have: grey, or red, green and blue. */
const IMAGE_CHANNELS = [1, 3] as const;

/** Images and labels held in memory, as the binary stores them. */
export interface ImageDataset {
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  rows: number;
  /** Image width in pixels. */
  cols: number;
  /** Values per pixel: 1 (grey) or 3 (red, green, blue). */
  channels: number;
  /** Number of classes; labels are in [0, classes). */
  classes: number;
  /** One label per image. */
  labels: Uint8Array;
  /** count x rows x cols x channels levels, 0..255. */
  pixels: Uint8Array;
}

/** Bytes one image takes. */
export const imageBytes = (data: Pick<ImageDataset, 'rows' | 'cols' | 'channels'>): number =>
  data.rows * data.cols * data.channels;

const isChannelCount = (n: number): boolean => (IMAGE_CHANNELS as readonly number[]).includes(n);

/** Serialize a dataset to the binary layout. */
export function encodeMnist(data: ImageDataset): Uint8Array {
  const size = imageBytes(data);
  if (!isChannelCount(data.channels)) throw new Error(`${data.channels} channels: 1 or 3`);
  if (data.labels.length !== data.count) throw new Error('labels length differs from count');
  if (data.pixels.length !== data.count * size) {
    throw new Error('pixels length differs from count x rows x cols x channels');
  }
  const out = new Uint8Array(MNIST_HEADER_BYTES + data.count * (1 + size));
  const header = new DataView(out.buffer);
  const words = [
    MNIST_MAGIC,
    MNIST_FORMAT_VERSION,
    data.count,
    data.rows,
    data.cols,
    data.classes,
    data.channels,
  ];
  words.forEach((w, i) => header.setUint32(i * 4, w, true));
  out.set(data.labels, MNIST_HEADER_BYTES);
  out.set(data.pixels, MNIST_HEADER_BYTES + data.count);
  return out;
}

/** Parse the binary layout; throws an Error naming what is wrong with a corrupt file. */
export function decodeMnist(buffer: ArrayBuffer | Uint8Array): ImageDataset {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const least = HEADER_BYTES[1] ?? 0;
  if (bytes.length < least) {
    throw new Error(`image file too short: ${bytes.length} bytes, a header needs ${least}`);
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64));
  const word = (i: number): number => header.getUint32(i * 4, true);
  if (word(0) !== MNIST_MAGIC) throw new Error('not a BatchNorm Lab image file (bad magic number)');
  const headerBytes = HEADER_BYTES[word(1)];
  if (headerBytes === undefined) {
    throw new Error(`image file format version ${word(1)}, expected 1 to ${MNIST_FORMAT_VERSION}`);
  }
  if (bytes.length < headerBytes) {
    throw new Error(`image file too short: ${bytes.length} bytes, its header needs ${headerBytes}`);
  }
  const [count, rows, cols, classes] = [word(2), word(3), word(4), word(5)];
  const channels = headerBytes > 24 ? word(6) : 1;
  if (!isChannelCount(channels)) throw new Error(`image file with ${channels} channels: 1 or 3`);
  const expected = headerBytes + count * (1 + rows * cols * channels);
  if (bytes.length !== expected) {
    throw new Error(`image file is ${bytes.length} bytes, its header promises ${expected}`);
  }
  const labels = bytes.subarray(headerBytes, headerBytes + count);
  for (const label of labels) {
    if (label >= classes) throw new Error(`label ${label} out of range 0..${classes - 1}`);
  }
  const pixels = bytes.subarray(headerBytes + count);
  return { count, rows, cols, channels, classes, labels, pixels };
}
