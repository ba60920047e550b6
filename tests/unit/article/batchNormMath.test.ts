import { describe, expect, it } from 'vitest';
import {
  affine,
  applySteps,
  centre,
  correlation,
  EPS,
  INITIAL_RUNNING,
  mean,
  moments,
  normalize,
  runningAverages,
  scale,
  unbiased,
  updateRunning,
  variance,
  type Point,
} from '../../../src/page/article/mechanics/batchNormMath';
import { generateCloud } from '../../../src/page/article/mechanics/cloud';

/** Three points worked by hand: mean (3, 2), biased variance (14/3, 8/3), unbiased (7, 4). */
const THREE: Point[] = [
  { x: 1, y: 2 },
  { x: 2, y: 4 },
  { x: 6, y: 0 },
];

/** Expects two points equal to about 12 digits. */
function expectPoint(actual: Point, expected: Point) {
  expect(actual.x).toBeCloseTo(expected.x, 12);
  expect(actual.y).toBeCloseTo(expected.y, 12);
}

describe('moments', () => {
  it('gives the per-axis mean and the biased (1/n) variance', () => {
    expectPoint(mean(THREE), { x: 3, y: 2 });
    // x: (4 + 1 + 9) / 3, y: (0 + 4 + 4) / 3.
    expectPoint(variance(THREE), { x: 14 / 3, y: 8 / 3 });
    const m = moments(THREE);
    expectPoint(m.mean, { x: 3, y: 2 });
    expectPoint(m.variance, { x: 14 / 3, y: 8 / 3 });
  });

  it('makes the variance unbiased with n / (n - 1), and leaves a single point alone', () => {
    expectPoint(unbiased(variance(THREE), 3), { x: 7, y: 4 });
    expectPoint(unbiased({ x: 2, y: 5 }, 1), { x: 2, y: 5 });
  });

  it('gives the correlation of x and y', () => {
    // Covariance ((-2)(0) + (-1)(2) + (3)(-2)) / 3 = -8/3, over sqrt(14/3 * 8/3).
    expect(correlation(THREE)).toBeCloseTo(-8 / Math.sqrt(112), 12);
  });
});

describe('the steps', () => {
  it('centres, scales by sqrt(var + eps), and applies gamma and beta per axis', () => {
    expect(centre(THREE, { x: 3, y: 2 })).toEqual([
      { x: -2, y: 0 },
      { x: -1, y: 2 },
      { x: 3, y: -2 },
    ]);
    const scaled = scale([{ x: 2, y: -3 }], { x: 4 - EPS, y: 9 - EPS });
    expectPoint(scaled[0]!, { x: 1, y: -1 });
    expect(affine([{ x: 1, y: 2 }], { x: 2, y: 0.5 }, { x: 1, y: -1 })).toEqual([{ x: 3, y: 0 }]);
  });

  it('normalizes with given statistics as centre then scale', () => {
    const stats = { mean: { x: 1, y: -1 }, variance: { x: 4, y: 0.25 } };
    const out = normalize(THREE, stats, 0);
    expectPoint(out[0]!, { x: 0, y: 6 });
    expectPoint(out[2]!, { x: 2.5, y: 2 });
  });

  it('leaves normalized data with mean 0 and variance 1 / (1 + eps / var)', () => {
    const cloud = generateCloud(7);
    const before = variance(cloud);
    const after = moments(normalize(cloud, moments(cloud)));
    expect(Math.abs(after.mean.x)).toBeLessThan(1e-9);
    expect(Math.abs(after.mean.y)).toBeLessThan(1e-9);
    expect(after.variance.x).toBeCloseTo(1 / (1 + EPS / before.x), 9);
    expect(after.variance.y).toBeCloseTo(1 / (1 + EPS / before.y), 9);
  });

  it('applies only the chosen steps, the affine one last', () => {
    const stats = moments(THREE);
    const gamma = { x: 2, y: 3 };
    const beta = { x: 0.5, y: -1 };
    const none = { centre: false, scale: false, affine: false };
    expect(applySteps(THREE, none, stats, gamma, beta)).toEqual(THREE);
    expect(applySteps(THREE, { ...none, centre: true }, stats, gamma, beta)).toEqual(
      centre(THREE, stats.mean),
    );
    const all = applySteps(THREE, { centre: true, scale: true, affine: true }, stats, gamma, beta);
    const m = moments(all);
    expectPoint(m.mean, beta);
    expect(m.variance.x).toBeCloseTo(4 / (1 + EPS / stats.variance.x), 9);
    expect(m.variance.y).toBeCloseTo(9 / (1 + EPS / stats.variance.y), 9);
  });
});

describe('running averages', () => {
  it('blend (1 - m) running + m batch, with the unbiased batch variance', () => {
    const once = updateRunning(INITIAL_RUNNING, THREE, 0.1);
    // Mean: 0.9 * 0 + 0.1 * (3, 2); variance: 0.9 * 1 + 0.1 * (7, 4).
    expectPoint(once.mean, { x: 0.3, y: 0.2 });
    expectPoint(once.variance, { x: 1.6, y: 1.3 });
    const twice = updateRunning(once, THREE, 0.1);
    expectPoint(twice.mean, { x: 0.57, y: 0.38 });
    expectPoint(twice.variance, { x: 2.14, y: 1.57 });
    const folded = runningAverages([THREE, THREE]);
    expectPoint(folded.mean, twice.mean);
    expectPoint(folded.variance, twice.variance);
  });

  it('start from mean 0 and variance 1 and leave them there with no batch', () => {
    expect(runningAverages([])).toEqual({ mean: { x: 0, y: 0 }, variance: { x: 1, y: 1 } });
  });
});
