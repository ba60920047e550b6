/**
 * Draws the app's icons (public/icons/icon-192.png, icon-512.png) with no dependency: a histogram
 * of a standard normal under its bell curve, white on the accent blue, inside the central 60% so a
 * maskable crop (the inner 80% circle) keeps all of it. Run `npx tsx scripts/make-icons.ts`; the
 * PNGs are committed, so this only needs rerunning when the design changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [0x0a, 0x5f, 0xa3]; // --accent (light theme)
const BARS: Rgb = [0xff, 0xff, 0xff];
const CURVE: Rgb = [0x7c, 0xc0, 0xff]; // --accent (dark theme)
const SUPERSAMPLE = 4;
const BAR_COUNT = 9;

/** Coverage of one sample point in unit coordinates (0..1, y down): 0 background, 1 bar, 2 curve. */
function paint(x: number, y: number): 0 | 1 | 2 {
  // Drawing area: x in [0.2, 0.8], baseline at y = 0.74, peak height 0.46.
  const left = 0.2;
  const width = 0.6;
  const baseline = 0.74;
  const height = 0.46;
  const z = ((x - left) / width) * 6 - 3; // -3..3 standard deviations
  const bell = (zz: number) => Math.exp(-0.5 * zz * zz);
  const curveY = baseline - height * bell(z);
  // The curve: a stroke of half-width 0.018 measured vertically, scaled by the slope.
  const slope = height * z * bell(z) * (6 / width);
  const distance = Math.abs(y - curveY) / Math.sqrt(1 + slope * slope);
  if (x >= left && x <= left + width && distance < 0.018) return 2;
  // Bars: each bar's height is the density at its centre; gaps of 20% of a bar's slot.
  if (x < left || x > left + width || y > baseline) {
    // The baseline itself, a little wider than the bars.
    return y > baseline && y < baseline + 0.03 && x > left - 0.02 && x < left + width + 0.02
      ? 1
      : 0;
  }
  const slot = width / BAR_COUNT;
  const index = Math.min(BAR_COUNT - 1, Math.floor((x - left) / slot));
  const inSlot = (x - left - index * slot) / slot;
  if (inSlot < 0.1 || inSlot > 0.9) return 0;
  const centre = ((index + 0.5) / BAR_COUNT) * 6 - 3;
  return y >= baseline - height * 0.9 * bell(centre) ? 1 : 0;
}

function render(size: number): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const kind = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          const c = kind === 2 ? CURVE : kind === 1 ? BARS : BACKGROUND;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      const o = (py * size + px) * 4;
      rgba[o] = Math.round(r / (n * n));
      rgba[o + 1] = Math.round(g / (n * n));
      rgba[o + 2] = Math.round(b / (n * n));
      rgba[o + 3] = 255;
    }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, filter 0 on every row. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [192, 512]) {
  const file = `public/icons/icon-${size}.png`;
  writeFileSync(file, render(size));
  console.warn(`wrote ${file}`);
}
