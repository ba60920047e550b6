/**
 * Which metric the sweep figure summarizes: the one the user picked, or, until they pick one, the
 * default when the visible runs record it and otherwise the first of FALLBACK_METRICS they do (a
 * sweep of deep linear nets has a loss but no accuracy, and would draw an empty figure).
 */
import type { MetricId } from '../../../shared/metrics';

/** Metrics tried in order when the default is not recorded by any visible run. */
const FALLBACK_METRICS: readonly MetricId[] = ['testAccuracy', 'trainAccuracy', 'trainLoss'];

/**
 * The metric to summarize: `wanted` if the user `picked` it or some run records it (`available`);
 * else the first fallback recorded, else the first metric recorded, else `wanted`.
 */
export function sweepMetric(
  wanted: MetricId,
  picked: boolean,
  available: readonly MetricId[],
): MetricId {
  if (picked || available.length === 0 || available.includes(wanted)) return wanted;
  return FALLBACK_METRICS.find((m) => available.includes(m)) ?? available[0] ?? wanted;
}
