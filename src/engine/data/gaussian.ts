/**
 * Synthetic data of the paper's deep linear network: a fixed Gaussian matrix A and Gaussian points
 * x ~ N(0, I), targets y = A x. Drawn from our seeded PRNG only, so a seed reruns the same data.
 */
import { Prng } from '../random/prng';

/** What the data depends on (a subset of the run's deep-linear settings). */
export interface GaussianDataSpec {
  /** Dimension of x, of y and of A's sides. */
  width: number;
  /** Number of points. */
  samples: number;
  /** Seed of A and of the points. */
  dataSeed: number;
}

/** The data set as flat row-major arrays, ready to become tensors. */
export interface GaussianLinearData {
  width: number;
  samples: number;
  /** A, width x width, row-major: a[i * width + j] = A_ij, entries N(0, 1). */
  a: Float32Array;
  /** Points, samples x width, row-major; each row ~ N(0, I_width). */
  x: Float32Array;
  /** Targets, samples x width, row-major: row b is A x_b (computed in double precision). */
  y: Float32Array;
}

/**
 * Draw A and the points from `dataSeed`. A and the points use separate streams, so A does not
 * depend on `samples`, and more samples extend the same points.
 */
export function gaussianLinearData({
  width,
  samples,
  dataSeed,
}: GaussianDataSpec): GaussianLinearData {
  const root = new Prng(dataSeed);
  const matrixRng = root.fork();
  const pointRng = root.fork();
  const a = new Float32Array(width * width);
  for (let i = 0; i < a.length; i++) a[i] = matrixRng.normal();
  const x = new Float32Array(samples * width);
  for (let i = 0; i < x.length; i++) x[i] = pointRng.normal();
  const y = new Float32Array(samples * width);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < width; i++) {
      let sum = 0;
      for (let j = 0; j < width; j++) {
        sum += (a[i * width + j] as number) * (x[b * width + j] as number);
      }
      y[b * width + i] = sum;
    }
  }
  return { width, samples, a, x, y };
}
