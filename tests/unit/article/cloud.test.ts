import { describe, expect, it } from 'vitest';
import { correlation, mean, moments } from '../../../src/page/article/mechanics/batchNormMath';
import {
  CLOUD_SIZE,
  generateCloud,
  nextSeed,
  trainingBatches,
} from '../../../src/page/article/mechanics/cloud';
import { mulberry32 } from '../../../src/shared/mulberry32';

const SEEDS = [1, 2018, 99_991, 4_000_000_000];

/** Sample skewness of the x coordinates: positive for a long right tail. */
function skewnessX(points: { x: number }[]): number {
  const mu = points.reduce((s, p) => s + p.x, 0) / points.length;
  const m2 = points.reduce((s, p) => s + (p.x - mu) ** 2, 0) / points.length;
  const m3 = points.reduce((s, p) => s + (p.x - mu) ** 3, 0) / points.length;
  return m3 / m2 ** 1.5;
}

describe('mulberry32', () => {
  it('replays a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});

describe('generateCloud', () => {
  it('gives the same cloud for the same seed and another for another seed', () => {
    expect(generateCloud(2018)).toEqual(generateCloud(2018));
    expect(generateCloud(2018)).not.toEqual(generateCloud(2019));
    expect(generateCloud(2018)).toHaveLength(CLOUD_SIZE);
  });

  it.each(SEEDS)('is far from the origin, wider in x, correlated and skewed (seed %i)', (seed) => {
    const cloud = generateCloud(seed);
    const { mean: mu, variance } = moments(cloud);
    expect(Math.hypot(mu.x, mu.y)).toBeGreaterThan(2.5);
    expect(mu.x).toBeGreaterThan(2);
    expect(mu.y).toBeLessThan(-1.5);
    expect(variance.x).toBeGreaterThan(3 * variance.y);
    expect(Math.abs(correlation(cloud))).toBeGreaterThan(0.3);
    expect(skewnessX(cloud)).toBeGreaterThan(0.5);
  });
});

describe('trainingBatches', () => {
  it('draws replayable batches of the same distribution, apart from the shown cloud', () => {
    const batches = trainingBatches(2018, 5);
    expect(batches).toHaveLength(5);
    for (const batch of batches) expect(batch).toHaveLength(CLOUD_SIZE);
    expect(trainingBatches(2018, 5)).toEqual(batches);
    expect(batches[0]).not.toEqual(generateCloud(2018));
    const pooled = mean(batches.flat());
    expect(pooled.x).toBeCloseTo(3, 0);
    expect(pooled.y).toBeCloseTo(-2, 0);
  });
});

describe('nextSeed', () => {
  it('moves to a new seed, the same one every time', () => {
    expect(nextSeed(2018)).toBe(nextSeed(2018));
    expect(nextSeed(2018)).not.toBe(2018);
    expect(Number.isInteger(nextSeed(2018))).toBe(true);
  });
});
