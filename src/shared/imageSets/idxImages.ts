/**
 * Images from an IDX pair, the format MNIST is distributed in: an images file (magic 0x00000803,
 * unsigned bytes, count x rows x columns) and a labels file (0x00000801, count bytes). Numbers in
 * the headers are big-endian. Gzipped files are unpacked before (see the caller). Pure.
 */
import type { RawImagesCheck } from './csvImages';
import { IMAGE_SET_LIMITS } from './imageSet';

/** IDX type byte of unsigned 8-bit data. */
const UBYTE = 0x08;

/** The header of an IDX file: its dimensions, or what is wrong with it. */
function idxDims(
  bytes: Uint8Array,
  name: string,
  dims: number,
): { ok: true; sizes: number[] } | { ok: false; message: string } {
  const headerBytes = 4 + 4 * dims;
  if (bytes.length < headerBytes) {
    return { ok: false, message: `the ${name} file is too short for an IDX header` };
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    return { ok: false, message: `the ${name} file is not an IDX file (bad magic number)` };
  }
  if (bytes[2] !== UBYTE) {
    return {
      ok: false,
      message: `the ${name} file holds type 0x${(bytes[2] ?? 0).toString(16)}; only unsigned bytes (0x08) are read`,
    };
  }
  if (bytes[3] !== dims) {
    return {
      ok: false,
      message: `the ${name} file has ${bytes[3] ?? 0} dimensions; ${name} have ${dims}`,
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const sizes = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = headerBytes + sizes.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    return {
      ok: false,
      message: `the ${name} file is ${bytes.length} bytes; its header promises ${expected}`,
    };
  }
  return { ok: true, sizes };
}

/** Read an images file and a labels file (either order: the headers tell them apart). */
export function parseIdxPair(a: Uint8Array, b: Uint8Array): RawImagesCheck {
  const [images, labels] = a[3] === 1 ? [b, a] : [a, b];
  const imageDims = idxDims(images, 'images', 3);
  if (!imageDims.ok) return imageDims;
  const labelDims = idxDims(labels, 'labels', 1);
  if (!labelDims.ok) return labelDims;
  const [count = 0, rows = 0, cols = 0] = imageDims.sizes;
  const [labelCount = 0] = labelDims.sizes;
  if (count !== labelCount) {
    return { ok: false, message: `${count} images but ${labelCount} labels` };
  }
  if (count > IMAGE_SET_LIMITS.maxImages) {
    return {
      ok: false,
      message: `${count.toLocaleString('en')} images: at most ${IMAGE_SET_LIMITS.maxImages.toLocaleString('en')} can be imported`,
    };
  }
  return {
    ok: true,
    raw: {
      count,
      rows,
      cols,
      pixels: images.slice(16),
      labels: Array.from(labels.subarray(8), String),
    },
  };
}

/** Whether `bytes` start like a gzip stream. */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;
