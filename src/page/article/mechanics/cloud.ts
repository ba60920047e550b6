/** A seeded 2D point cloud that is far from the origin, wider on one axis, correlated and skewed: raw
 * data on which centring and scaling are plain to see. Seed in, points out. */
import type { Point } from './batchNormMath';
import { mulberry32 } from '../../../shared/mulberry32';

/** Points in one cloud: a mini-batch of 64 examples with two features. */
export const CLOUD_SIZE = 64;
/** Centre of the cloud's distribution (its population mean), far from the origin. */
const CLOUD_CENTRE: Point = { x: 3, y: -2 };
/** Population standard deviation of each feature: x spreads three times as far as y. */
const CLOUD_SPREAD: Point = { x: 1.5, y: 0.5 };
/** Population correlation of x and y. */
const CLOUD_CORRELATION = 0.7;
/** Mixed into the seed for the training batches, so they are not the shown cloud over again. */
const TRAINING_STREAM = 0x5bd1e995;

/** A standard normal draw (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random(); // in (0, 1], so the logarithm is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Exp(1) − 1: mean 0 and variance 1, with a long right tail (skewness 2). */
function skewed(random: () => number): number {
  return -Math.log(1 - random()) - 1;
}

/** `count` points of the cloud's distribution: x is skewed, y shares x's skew through the correlation. */
function drawPoints(random: () => number, count: number): Point[] {
  const own = Math.sqrt(1 - CLOUD_CORRELATION ** 2);
  return Array.from({ length: count }, () => {
    const a = skewed(random);
    const b = gaussian(random);
    return {
      x: CLOUD_CENTRE.x + CLOUD_SPREAD.x * a,
      y: CLOUD_CENTRE.y + CLOUD_SPREAD.y * (CLOUD_CORRELATION * a + own * b),
    };
  });
}

/** The cloud shown for `seed`. */
export function generateCloud(seed: number, count = CLOUD_SIZE): Point[] {
  return drawPoints(mulberry32(seed), count);
}

/** `batches` training mini-batches of the same distribution, on a stream apart from the shown cloud's. */
export function trainingBatches(seed: number, batches: number, size = CLOUD_SIZE): Point[][] {
  const random = mulberry32(seed ^ TRAINING_STREAM);
  return Array.from({ length: batches }, () => drawPoints(random, size));
}

/** The seed after `seed` (a full-period linear congruential step), so Randomize replays in order. */
export function nextSeed(seed: number): number {
  return (Math.imul(seed >>> 0, 1664525) + 1013904223) >>> 0;
}
