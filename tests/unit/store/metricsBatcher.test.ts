import { describe, expect, it } from 'vitest';
import {
  createMetricsBatcher,
  DRAW_SHARE,
  MAX_BATCH_MS,
  OTHERS_WITHIN_MS,
  waitAfterMs,
  type BatcherClock,
} from '../../../src/page/store/metricsBatcher';
import type { WorkerEvent } from '../../../src/shared/workerProtocol';

const metrics = (step: number): WorkerEvent => ({
  type: 'metrics',
  chunks: [],
  progress: [{ runId: 'a', step, stepsPerSecond: 1, msPerStep: 1 }],
});
const status: WorkerEvent = { type: 'status', runId: 'a', status: 'completed' };

/**
 * A batcher on a hand-driven clock: `busy(ms)` makes each apply take that long; `idle()` ends the
 * busy period; `advance(ms)` moves time and fires timers that come due.
 */
function setup(live = true) {
  let now = 0;
  let busyMs = 0;
  const applied: WorkerEvent[][] = [];
  let timers: { at: number; callback: () => void }[] = [];
  let idle: (() => void)[] = [];
  const clock: BatcherClock = {
    now: () => now,
    schedule: (callback, ms) => timers.push({ at: now + ms, callback }),
    whenIdle: (callback) => idle.push(callback),
  };
  const receive = createMetricsBatcher(
    (events) => {
      applied.push([...events]);
      now += busyMs;
    },
    () => live,
    clock,
  );
  return {
    applied,
    receive,
    busy: (ms: number) => (busyMs = ms),
    idle() {
      const due = idle;
      idle = [];
      due.forEach((callback) => callback());
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.callback());
    },
    pendingTimers: () => timers.length,
  };
}

describe('waitAfterMs', () => {
  it('waits so that drawing takes DRAW_SHARE of the time, at most MAX_BATCH_MS', () => {
    // Busy 40 ms, then waiting: 40 / (40 + wait) is the share.
    expect(40 / (40 + waitAfterMs(40))).toBeCloseTo(DRAW_SHARE, 10);
    expect(waitAfterMs(0)).toBe(0);
    expect(waitAfterMs(-5)).toBe(0);
    expect(waitAfterMs(10_000)).toBe(MAX_BATCH_MS);
  });
});

describe('createMetricsBatcher', () => {
  it('applies the first batch at once, then holds batches until the page is idle and the wait is over', () => {
    const b = setup();
    b.busy(40);
    b.receive(metrics(1));
    expect(b.applied).toEqual([[metrics(1)]]);
    // Busy drawing: later batches wait, even past the wait, until the page is idle.
    b.receive(metrics(2));
    b.receive(metrics(3));
    b.advance(500);
    expect(b.applied).toHaveLength(1);
    b.idle(); // busy for 540 ms in all: the next batch waits MAX_BATCH_MS
    b.advance(MAX_BATCH_MS - 1);
    expect(b.applied).toHaveLength(1);
    b.advance(1);
    expect(b.applied).toEqual([[metrics(1)], [metrics(2), metrics(3)]]);
  });

  it('a cheap batch leaves a short wait; with nothing waiting no timer runs', () => {
    const b = setup();
    b.busy(4);
    b.receive(metrics(1));
    b.idle();
    expect(b.pendingTimers()).toBe(0);
    // 4 ms busy: the next batch may come waitAfterMs(4) after the page was idle.
    b.receive(metrics(2));
    expect(b.applied).toHaveLength(1);
    b.advance(waitAfterMs(4) - 1);
    expect(b.applied).toHaveLength(1);
    b.advance(1);
    expect(b.applied).toEqual([[metrics(1)], [metrics(2)]]);
  });

  it('applies what waits before any other event, in arrival order, within OTHERS_WITHIN_MS', () => {
    const b = setup();
    b.busy(40);
    b.receive(metrics(1));
    b.receive(metrics(2));
    b.receive(status);
    expect(b.applied).toEqual([[metrics(1)]]);
    b.advance(OTHERS_WITHIN_MS);
    expect(b.applied).toEqual([[metrics(1)], [metrics(2), status]]);
    b.idle();
    b.advance(MAX_BATCH_MS);
    expect(b.applied).toHaveLength(2);
  });

  it('applies the statuses of many runs that end at once together, in order', () => {
    const b = setup();
    const ends = Array.from({ length: 48 }, (_, i): WorkerEvent => ({
      type: 'status',
      runId: `r${i}`,
      status: 'completed',
    }));
    ends.slice(0, 24).forEach((e) => b.receive(e));
    b.advance(OTHERS_WITHIN_MS / 2);
    ends.slice(24).forEach((e) => b.receive(e));
    expect(b.applied).toEqual([]);
    b.advance(OTHERS_WITHIN_MS / 2);
    expect(b.applied).toEqual([ends]);
    // Nothing waits, so no timer is left.
    expect(b.pendingTimers()).toBe(0);
    b.receive(status);
    b.advance(OTHERS_WITHIN_MS);
    expect(b.applied).toEqual([ends, [status]]);
  });

  it('applies every batch at once in slow motion, and with no clock', () => {
    const slow = setup(false);
    slow.busy(40);
    slow.receive(metrics(1));
    slow.receive(metrics(2));
    expect(slow.applied).toEqual([[metrics(1)], [metrics(2)]]);

    const applied: WorkerEvent[][] = [];
    const receive = createMetricsBatcher(
      (events) => applied.push([...events]),
      () => true,
      null,
    );
    receive(metrics(1));
    receive(metrics(2));
    receive(status);
    expect(applied).toEqual([[metrics(1)], [metrics(2)], [status]]);
  });
});
