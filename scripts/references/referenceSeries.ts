/**
 * One metric of several seeds summarized for a reference file: at most REFERENCE_MAX_POINTS points,
 * each the average of `stride` consecutive recorded steps per seed, then the mean, min and max over
 * the seeds, rounded to REFERENCE_DIGITS significant digits.
 */
import type { SeriesLike } from '../../src/shared/seriesPoints.ts';
import {
  REFERENCE_DIGITS,
  REFERENCE_MAX_POINTS,
  type ReferenceSeries,
} from '../../src/shared/reference.ts';

/** One seed's recorded points: parallel steps and values, read up to `length`. */
type SeedSeries = Pick<SeriesLike, 'steps' | 'length'> & {
  /** Non-finite values (a diverged loss, NaN written as null) are left out. */
  values: ArrayLike<number | null>;
};

/** Steps are kept to this many decimals (a point's step is the mean of the steps it averages). */
const STEP_DECIMALS = 1;
const STEP_SCALE = 10 ** STEP_DECIMALS;

/** `value` to `digits` significant digits, as a number (2.302585 -> 2.303). */
export const roundSignificant = (value: number, digits = REFERENCE_DIGITS): number =>
  Number(value.toPrecision(digits));

const isFiniteNumber = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

/**
 * The seeds' series as one reference series, or null when no seed recorded a finite value.
 * Steps are pooled over the seeds (a seed that stopped early adds nothing after its last step).
 */
export function summarizeSeeds(
  seeds: readonly SeedSeries[],
  maxPoints = REFERENCE_MAX_POINTS,
): ReferenceSeries | null {
  const pooled = new Set<number>();
  for (const s of seeds) {
    for (let i = 0; i < s.length; i++) {
      if (isFiniteNumber(s.values[i])) pooled.add(s.steps[i] as number);
    }
  }
  if (pooled.size === 0) return null;
  const steps = [...pooled].sort((a, b) => a - b);
  const stride = Math.ceil(steps.length / Math.max(1, maxPoints));
  const buckets = Math.ceil(steps.length / stride);
  const bucketOf = new Map(steps.map((step, i) => [step, Math.floor(i / stride)]));

  // Each seed's average per bucket (NaN where it recorded nothing).
  const seedMeans = seeds.map((s) => {
    const sums = new Float64Array(buckets);
    const counts = new Float64Array(buckets);
    for (let i = 0; i < s.length; i++) {
      const v = s.values[i];
      const b = bucketOf.get(s.steps[i] as number);
      if (!isFiniteNumber(v) || b === undefined) continue;
      sums[b] = (sums[b] as number) + v;
      counts[b] = (counts[b] as number) + 1;
    }
    return Array.from(sums, (sum, b) =>
      (counts[b] as number) > 0 ? sum / (counts[b] as number) : NaN,
    );
  });

  const out: ReferenceSeries = { stride, steps: [], mean: [], min: [], max: [] };
  for (let b = 0; b < buckets; b++) {
    const covered = steps.slice(b * stride, (b + 1) * stride);
    const values = seedMeans.map((m) => m[b] as number).filter(Number.isFinite);
    const step = covered.reduce((sum, x) => sum + x, 0) / covered.length;
    out.steps.push(Math.round(step * STEP_SCALE) / STEP_SCALE);
    out.mean.push(roundSignificant(values.reduce((sum, v) => sum + v, 0) / values.length));
    out.min.push(roundSignificant(Math.min(...values)));
    out.max.push(roundSignificant(Math.max(...values)));
  }
  return out;
}
