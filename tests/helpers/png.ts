/** A minimal PNG encoder for tests: 8-bit grey or RGB images, no filtering (files for the import tests). */
import { deflateSync } from 'node:zlib';

/** CRC-32 (the PNG chunk checksum). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, tail]);
}

/** A width x height PNG of `channels` (1 grey, 3 RGB) interleaved levels per pixel, row-major. */
function png(width: number, height: number, channels: 1 | 3, pixels: ArrayLike<number>): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // 8 bits, colour type (0 grey, 2 RGB), deflate, no filter method, no interlace.
  header.set([8, channels === 3 ? 2 : 0, 0, 0, 0], 8);
  const stride = width * channels + 1;
  const raw = Buffer.alloc(height * stride);
  for (let r = 0; r < height; r++) {
    raw[r * stride] = 0; // filter type: none
    for (let c = 0; c < width * channels; c++) {
      raw[r * stride + 1 + c] = pixels[r * width * channels + c] ?? 0;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A width x height grey PNG of `pixels` (row-major, 0..255). */
export const greyPng = (width: number, height: number, pixels: ArrayLike<number>): Buffer =>
  png(width, height, 1, pixels);

/** A width x height colour PNG of `pixels` (red, green, blue per pixel, row-major, 0..255). */
export const rgbPng = (width: number, height: number, pixels: ArrayLike<number>): Buffer =>
  png(width, height, 3, pixels);
