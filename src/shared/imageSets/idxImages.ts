/**
 * Images from an IDX pair, the format MNIST is distributed in: an images file (magic 0x00000803,
 * unsigned bytes, count x rows x columns; or 0x00000804 with a fourth dimension of 3 for colour,
 * red, green, blue per pixel) and a labels file (0x00000801, count bytes). Numbers in the headers
 * are big-endian. Gzipped files are unpacked before (see the caller). Pure.
 */
import type { RawImagesCheck } from './csvImages';
import { IMAGE_SET_LIMITS } from './imageSet';

/** IDX type byte of unsigned 8-bit data. */
const UBYTE = 0x08;

/** The header of an IDX file: its dimensions, or what is wrong with it. */
function idxDims(
  bytes: Uint8Array,
  name: string,
  allowed: readonly number[],
): { ok: true; sizes: number[] } | { ok: false; message: string } {
  const tooShort = {
    ok: false,
    message: `the ${name} file is too short for an IDX header`,
  } as const;
  if (bytes.length < 4) return tooShort;
  const dims = bytes[3] ?? 0;
  const headerBytes = 4 + 4 * dims;
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    return { ok: false, message: `the ${name} file is not an IDX file (bad magic number)` };
  }
  if (bytes[2] !== UBYTE) {
    return {
      ok: false,
      message: `the ${name} file holds type 0x${(bytes[2] ?? 0).toString(16)}; only unsigned bytes (0x08) are read`,
    };
  }
  if (!allowed.includes(dims)) {
    return {
      ok: false,
      message: `the ${name} file has ${dims} dimensions; ${name} have ${allowed.join(' or ')}`,
    };
  }
  if (bytes.length < headerBytes) return tooShort;
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
  const imageDims = idxDims(images, 'images', [3, 4]);
  if (!imageDims.ok) return imageDims;
  const labelDims = idxDims(labels, 'labels', [1]);
  if (!labelDims.ok) return labelDims;
  const [count = 0, rows = 0, cols = 0, channels = 1] = imageDims.sizes;
  if (channels !== 1 && channels !== 3) {
    return {
      ok: false,
      message: `the images file has ${channels} values per pixel; 1 (grey) or 3 (colour) are read`,
    };
  }
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
      channels,
      pixels: images.slice(4 + 4 * imageDims.sizes.length),
      labels: Array.from(labels.subarray(8), String),
    },
  };
}

/** Whether `bytes` start like a gzip stream. */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;
