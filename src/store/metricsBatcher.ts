/**
 * Coalesces the worker's metric events when many runs stream at once. The worker sends points
 * every 100 ms; with a few runs the page draws each batch as it comes, but a 48-run sweep redrawn
 * ten times a second keeps the main thread busy (long tasks, slow presses). Above
 * BATCH_FROM_RUNS running runs, metric events wait and are applied together, at most every
 * MS_PER_RUN x runs ms (capped); any other event first applies what waits, so order is kept.
 */
import type { WorkerEvent } from '../worker/protocol';

/** Running runs from which metric events are coalesced (the page keeps up with this many). */
export const BATCH_FROM_RUNS = 8;
/** Wait per running run before applying coalesced metrics, ms (48 runs: 480 ms). */
export const MS_PER_RUN = 10;
/** Longest wait, ms (charts still move at least once a second). */
export const MAX_BATCH_MS = 1000;

/** How long metric events wait with `running` runs streaming: 0 means apply at once. */
export const batchDelayMs = (running: number) =>
  running > BATCH_FROM_RUNS ? Math.min(MAX_BATCH_MS, MS_PER_RUN * running) : 0;

/**
 * A sink for worker events that applies them through `apply` (a list, in arrival order), holding
 * metric events back while `delay()` says so. `schedule` runs a callback later (setTimeout).
 */
export function createMetricsBatcher(
  apply: (events: readonly WorkerEvent[]) => void,
  delay: () => number,
  schedule: (callback: () => void, ms: number) => void = (callback, ms) => {
    setTimeout(callback, ms);
  },
): (event: WorkerEvent) => void {
  let waiting: WorkerEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting.length === 0) return;
    const events = waiting;
    waiting = [];
    apply(events);
  };
  return (event) => {
    if (event.type === 'metrics') {
      const ms = delay();
      if (ms > 0) {
        waiting.push(event);
        if (!scheduled) {
          scheduled = true;
          schedule(flush, ms);
        }
        return;
      }
    }
    if (waiting.length > 0) {
      const events = [...waiting, event];
      waiting = [];
      apply(events);
      return;
    }
    apply([event]);
  };
}
