/**
 * A zip of one folder per class ("cat/001.png", or "pets/cat/001.png": the folder holding an image
 * is its class): the image entries found, each with its class, checked before any is decoded.
 * Pure: unzipping is fflate's, decoding the images is the caller's.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { IMAGE_SET_LIMITS } from './imageSet';

/** File names read as images (what browsers decode). */
const IMAGE_NAME = /\.(png|jpe?g|gif|bmp|webp)$/i;
/** Most bytes the images of one zip may unpack to (a guard against zip bombs). */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;

/** Whether `bytes` start like a zip file. */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** One image of the zip: its path, class (its folder's name) and bytes. */
export interface ZipImage {
  path: string;
  label: string;
  bytes: Uint8Array;
}

/** Entries that are no one's images: folders, macOS metadata, hidden files. */
const skipped = (path: string) =>
  path.endsWith('/') ||
  path.startsWith('__MACOSX/') ||
  path.split('/').some((p) => p.startsWith('.'));

/** The zip's images by class folder, or what is wrong with the archive. */
export function zipImages(
  bytes: Uint8Array,
): { ok: true; images: ZipImage[] } | { ok: false; message: string } {
  let unpacked = 0;
  let tooBig = false;
  let count = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (skipped(file.name) || !IMAGE_NAME.test(file.name)) return false;
        count += 1;
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES || count > IMAGE_SET_LIMITS.maxImages) tooBig = true;
        return !tooBig;
      },
    });
  } catch (error) {
    return {
      ok: false,
      message: `the zip file is damaged (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (tooBig) {
    return {
      ok: false,
      message: `the zip holds more than ${IMAGE_SET_LIMITS.maxImages.toLocaleString('en')} images or ${MAX_UNPACKED_BYTES / 2 ** 20} MB of them`,
    };
  }
  const images: ZipImage[] = [];
  for (const path of Object.keys(files).sort()) {
    const parts = path.split('/');
    if (parts.length < 2) {
      return {
        ok: false,
        message: `${path} is not in a class folder: put each class’s images in a folder named after it`,
      };
    }
    images.push({
      path,
      label: parts[parts.length - 2] ?? '',
      bytes: files[path] ?? new Uint8Array(),
    });
  }
  if (images.length === 0) {
    return { ok: false, message: 'the zip holds no images (PNG, JPEG, GIF, BMP or WebP)' };
  }
  return { ok: true, images };
}
