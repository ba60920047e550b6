/** A seeded, class-balanced choice of images: how the shipped Fashion-MNIST subset is drawn. */
import { mulberry32 } from '../shared/mulberry32';

/**
 * `perClass` distinct indices into each class's images (of `available[c]`), drawn without
 * replacement by a seeded partial Fisher-Yates shuffle, each class's picks sorted ascending (so
 * the file keeps the package's order). The same seed and counts give the same picks; throws when a
 * class has fewer than `perClass` images.
 */
export function balancedSubset(
  available: readonly number[],
  perClass: number,
  seed: number,
): Uint32Array[] {
  const random = mulberry32(seed);
  return available.map((count, c) => {
    if (!Number.isInteger(count) || count < perClass) {
      throw new Error(`class ${c} has ${count} images, fewer than the ${perClass} wanted`);
    }
    const order = Uint32Array.from({ length: count }, (_, i) => i);
    for (let i = 0; i < perClass; i++) {
      const j = i + Math.floor(random() * (count - i));
      const picked = order[j] as number;
      order[j] = order[i] as number;
      order[i] = picked;
    }
    return order.slice(0, perClass).sort();
  });
}
