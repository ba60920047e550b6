/**
 * What a session keeps of each step: its values as metric points, and the stall watch over the
 * recent dead-ReLU fractions. Pure functions over a run's buffer and window; no timers, no tfjs.
 */
import type { MetricId } from '../../shared/metrics';
import { STALL_DEAD_FRACTION, STALL_WINDOW_STEPS } from '../../shared/stall';
import type { SeriesBuffer } from './seriesBuffer';
import type { StepResult } from './stepTrainer';

/** Dead-ReLU metric of each conv block, in block order (a step's `dead` is by block). */
const DEAD_METRICS: readonly MetricId[] = ['deadConv1', 'deadConv2'];

/** Put a step's loss, accuracy, measurements and dead fractions in `buffer`, at `timeMs`. */
export function recordStep(buffer: SeriesBuffer, result: StepResult, timeMs: number): void {
  buffer.push('trainLoss', result.step, timeMs, result.loss);
  if (result.accuracy !== undefined)
    buffer.push('trainAccuracy', result.step, timeMs, result.accuracy);
  for (const [metric, value] of Object.entries(result.measured ?? {}) as [MetricId, number][]) {
    buffer.push(metric, result.step, timeMs, value);
  }
  result.dead.forEach((fraction, block) => {
    const metric = DEAD_METRICS[block];
    if (metric) buffer.push(metric, result.step, timeMs, fraction);
  });
}

/**
 * Add a step's dead fractions to `recent`, the run's window (the last STALL_WINDOW_STEPS steps, oldest
 * first, changed in place) and say why the run stalled when some conv block's ReLUs have been at
 * least STALL_DEAD_FRACTION dead on average over a full window; null otherwise.
 */
export function stallMessage(recent: number[][], result: StepResult): string | null {
  if (result.dead.length === 0) return null;
  recent.push(result.dead);
  if (recent.length > STALL_WINDOW_STEPS) recent.shift();
  if (recent.length < STALL_WINDOW_STEPS) return null;
  const meanDead = result.dead.map(
    (_, block) => recent.reduce((sum, dead) => sum + (dead[block] ?? 0), 0) / STALL_WINDOW_STEPS,
  );
  const dead = meanDead.flatMap((f, block) =>
    f >= STALL_DEAD_FRACTION ? [`conv ${block + 1} (${Math.floor(f * 100)}%)`] : [],
  );
  if (dead.length === 0) return null;
  return (
    `at step ${result.step}: the ReLUs of ${dead.join(' and ')} output zero over the last ` +
    `${STALL_WINDOW_STEPS} steps, so almost no gradient reaches the layers before them`
  );
}
