import { Prng, shuffleInPlace } from '../random/prng';

/** Indices of the images used for training and for testing; disjoint. */
export interface DataSplit {
  train: Uint32Array;
  test: Uint32Array;
}

/** A seeded random split of `count` images into `trainSize` training and `testSize` test images. */
export function splitIndices(
  count: number,
  trainSize: number,
  testSize: number,
  seed: number,
): DataSplit {
  if (trainSize + testSize > count) {
    throw new Error(`split of ${trainSize} + ${testSize} images exceeds the ${count} available`);
  }
  const order = new Uint32Array(count).map((_, i) => i);
  shuffleInPlace(order, new Prng(seed));
  return {
    train: order.slice(0, trainSize),
    test: order.slice(trainSize, trainSize + testSize),
  };
}
