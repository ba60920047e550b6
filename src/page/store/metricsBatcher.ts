/**
 * Paces how often streamed points reach the store, so drawing them never takes more than a share
 * of the main thread. The worker sends points every 100 ms per worker; drawing a batch costs
 * more the more runs and charts are shown (and several workers send more batches). After each
 * batch is applied the batcher waits until the page is idle again, counts how long it was busy
 * (the store, React, the charts' redraw turns), and holds further metric events back long enough
 * that drawing takes at most DRAW_SHARE of the time. Other events (a run's status, say) are applied
 * with what waits before them, so order is kept, and together with the others that arrive within
 * OTHERS_WITHIN_MS: 48 runs that end in the same moment are drawn once, not 48 times. In slow
 * motion every event is applied as it comes.
 */
import type { WorkerEvent } from '../../shared/workerProtocol';

/** Most of the main thread's time that drawing streamed points may take. */
export const DRAW_SHARE = 0.1;
/** Longest wait between two batches, ms (charts still move at least once a second). */
export const MAX_BATCH_MS = 1000;

/** Events other than metrics arriving within this long of the first are applied together, ms. */
export const OTHERS_WITHIN_MS = 16;

/** The wait after a batch that kept the page busy `busyMs`, so drawing takes DRAW_SHARE of the time. */
export const waitAfterMs = (busyMs: number) =>
  Math.min(MAX_BATCH_MS, Math.max(0, busyMs) * (1 / DRAW_SHARE - 1));

export interface BatcherClock {
  now(): number;
  /** Run `callback` after `ms`. */
  schedule(callback: () => void, ms: number): void;
  /** Run `callback` once the page is idle again, or after `timeoutMs` at the latest. */
  whenIdle(callback: () => void, timeoutMs: number): void;
}

/** The browser's clock, or null where the page cannot tell when it is idle (Node, old Safari). */
export function browserClock(): BatcherClock | null {
  if (typeof requestIdleCallback !== 'function') return null;
  return {
    now: () => performance.now(),
    schedule: (callback, ms) => {
      setTimeout(callback, ms);
    },
    whenIdle: (callback, timeoutMs) => {
      requestIdleCallback(callback, { timeout: timeoutMs });
    },
  };
}

/**
 * A sink for worker events that applies them through `apply` (a list, in arrival order). `live()`
 * false (slow motion) applies every event at once; so does a missing clock.
 */
export function createMetricsBatcher(
  apply: (events: readonly WorkerEvent[]) => void,
  live: () => boolean,
  clock: BatcherClock | null,
): (event: WorkerEvent) => void {
  let waiting: WorkerEvent[] = [];
  /** Earliest time the next batch may be applied. */
  let nextAt = 0;
  /** A batch was applied and the page is not idle yet. */
  let measuring = false;
  let scheduled = false;
  /** Events other than metrics wait for the OTHERS_WITHIN_MS timer. */
  let othersScheduled = false;

  const applyNow = (events: WorkerEvent[]) => {
    if (!clock) return apply(events);
    const started = clock.now();
    measuring = true;
    apply(events);
    clock.whenIdle(() => {
      measuring = false;
      nextAt = clock.now() + waitAfterMs(clock.now() - started);
      if (waiting.length > 0) later();
    }, MAX_BATCH_MS);
  };
  const flush = () => {
    scheduled = false;
    if (measuring || waiting.length === 0) return;
    const events = waiting;
    waiting = [];
    applyNow(events);
  };
  const later = () => {
    if (scheduled || !clock) return;
    scheduled = true;
    clock.schedule(flush, Math.max(0, nextAt - clock.now()));
  };

  /** Apply everything that waits (metrics held back included), unmeasured like any status. */
  const flushOthers = () => {
    othersScheduled = false;
    const events = waiting;
    waiting = [];
    if (events.length > 0) apply(events);
  };

  return (event) => {
    if (clock && live()) {
      waiting.push(event);
      if (event.type !== 'metrics') {
        if (!othersScheduled) clock.schedule(flushOthers, OTHERS_WITHIN_MS);
        othersScheduled = true;
      } else if (!measuring && waiting.length === 1 && clock.now() >= nextAt) flush();
      else if (!measuring) later();
      return;
    }
    const events = waiting.length > 0 ? [...waiting, event] : [event];
    waiting = [];
    if (event.type === 'metrics') applyNow(events);
    else apply(events);
  };
}
