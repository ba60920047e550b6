/** Batch normalization of 2D points, one step at a time: moments, centring, scaling, the affine step,
 * and the running averages used at test time. Pure functions; nothing here knows the page. */

/** A point, or a per-feature quantity (a mean, a variance, γ, β): one number per axis. */
export interface Point {
  x: number;
  y: number;
}

/** Mean and variance of each feature over a batch. */
export interface Moments {
  mean: Point;
  variance: Point;
}

/** Added to the variance under the square root so a flat feature does not divide by zero (PyTorch's default). */
export const EPS = 1e-5;
/** Weight of the newest batch in the running averages (PyTorch's default). */
export const MOMENTUM = 0.1;
/** Running statistics before any batch has been seen: mean 0 and variance 1, as PyTorch starts. */
export const INITIAL_RUNNING: Moments = { mean: { x: 0, y: 0 }, variance: { x: 1, y: 1 } };

/** The same function applied to both axes of a point. */
const perAxis = (p: Point, f: (v: number, axis: keyof Point) => number): Point => ({
  x: f(p.x, 'x'),
  y: f(p.y, 'y'),
});

/** Per-axis mean of a non-empty batch of points. */
export function mean(points: readonly Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}

/** Per-axis biased variance (divides by n, not n − 1): the one BN normalizes a batch with. */
export function variance(points: readonly Point[], centre: Point = mean(points)): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += (p.x - centre.x) ** 2;
    y += (p.y - centre.y) ** 2;
  }
  return { x: x / points.length, y: y / points.length };
}

/** Per-axis mean and biased variance of a batch. */
export function moments(points: readonly Point[]): Moments {
  const mu = mean(points);
  return { mean: mu, variance: variance(points, mu) };
}

/** A biased variance of n points times n / (n − 1): the unbiased estimate (unchanged when n < 2). */
export function unbiased(biased: Point, n: number): Point {
  const factor = n > 1 ? n / (n - 1) : 1;
  return perAxis(biased, (v) => v * factor);
}

/** Pearson correlation of the x and y coordinates, in [−1, 1] (NaN when an axis is flat). */
export function correlation(points: readonly Point[]): number {
  const mu = mean(points);
  const spread = variance(points, mu);
  let covariance = 0;
  for (const p of points) covariance += (p.x - mu.x) * (p.y - mu.y);
  return covariance / points.length / Math.sqrt(spread.x * spread.y);
}

/** Each point minus `mu`: the batch's mean moves to the origin. */
export function centre(points: readonly Point[], mu: Point): Point[] {
  return points.map((p) => ({ x: p.x - mu.x, y: p.y - mu.y }));
}

/** Each coordinate divided by sqrt(variance + eps): unit variance per axis (up to eps). */
export function scale(points: readonly Point[], spread: Point, eps = EPS): Point[] {
  const sx = Math.sqrt(spread.x + eps);
  const sy = Math.sqrt(spread.y + eps);
  return points.map((p) => ({ x: p.x / sx, y: p.y / sy }));
}

/** γ · x̂ + β per axis: the learned affine step that follows normalization. */
export function affine(points: readonly Point[], gamma: Point, beta: Point): Point[] {
  return points.map((p) => ({ x: gamma.x * p.x + beta.x, y: gamma.y * p.y + beta.y }));
}

/** (x − mean) / sqrt(variance + eps) with given statistics: the batch's own in training, the running
 * averages at test time. */
export function normalize(points: readonly Point[], stats: Moments, eps = EPS): Point[] {
  return scale(centre(points, stats.mean), stats.variance, eps);
}

/** One running-average step, PyTorch's convention: running ← (1 − m) · running + m · batch, where the
 * batch's variance is the unbiased one (n − 1), as PyTorch keeps it. */
export function updateRunning(
  running: Moments,
  batch: readonly Point[],
  momentum = MOMENTUM,
): Moments {
  const stats = moments(batch);
  const batchVariance = unbiased(stats.variance, batch.length);
  const blend = (old: Point, now: Point) =>
    perAxis(old, (v, axis) => (1 - momentum) * v + momentum * now[axis]);
  return {
    mean: blend(running.mean, stats.mean),
    variance: blend(running.variance, batchVariance),
  };
}

/** Running statistics after a sequence of training batches, from `start` (PyTorch's initial 0 and 1). */
export function runningAverages(
  batches: readonly (readonly Point[])[],
  momentum = MOMENTUM,
  start: Moments = INITIAL_RUNNING,
): Moments {
  return batches.reduce<Moments>(
    (running, batch) => updateRunning(running, batch, momentum),
    start,
  );
}

/** Which of BN's steps are applied; they always run in this order: centre, scale, affine. */
export interface Steps {
  centre: boolean;
  scale: boolean;
  affine: boolean;
}

/** The points after the chosen steps, with the given statistics and the affine parameters γ and β. */
export function applySteps(
  points: readonly Point[],
  steps: Steps,
  stats: Moments,
  gamma: Point,
  beta: Point,
  eps = EPS,
): Point[] {
  let out: Point[] = [...points];
  if (steps.centre) out = centre(out, stats.mean);
  if (steps.scale) out = scale(out, stats.variance, eps);
  if (steps.affine) out = affine(out, gamma, beta);
  return out;
}
