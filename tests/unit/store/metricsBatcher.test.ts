import { describe, expect, it } from 'vitest';
import {
  batchDelayMs,
  BATCH_FROM_RUNS,
  createMetricsBatcher,
  MAX_BATCH_MS,
} from '../../../src/store/metricsBatcher';
import type { WorkerEvent } from '../../../src/worker/protocol';

const metrics = (step: number): WorkerEvent => ({
  type: 'metrics',
  chunks: [],
  progress: [{ runId: 'a', step, stepsPerSecond: 1, msPerStep: 1 }],
});
const status: WorkerEvent = { type: 'status', runId: 'a', status: 'completed' };

/** A batcher whose timer is run by hand, and what it applied, one list per apply. */
function setup(delay: number) {
  const applied: WorkerEvent[][] = [];
  const timers: (() => void)[] = [];
  const receive = createMetricsBatcher(
    (events) => applied.push([...events]),
    () => delay,
    (callback) => timers.push(callback),
  );
  return { applied, timers, receive };
}

describe('batchDelayMs', () => {
  it('applies at once up to 8 running runs, then waits 10 ms per run up to a second', () => {
    expect(batchDelayMs(0)).toBe(0);
    expect(batchDelayMs(BATCH_FROM_RUNS)).toBe(0);
    expect(batchDelayMs(9)).toBe(90);
    expect(batchDelayMs(48)).toBe(480);
    expect(batchDelayMs(500)).toBe(MAX_BATCH_MS);
  });
});

describe('createMetricsBatcher', () => {
  it('applies every event at once when there is no delay', () => {
    const { applied, timers, receive } = setup(0);
    receive(metrics(1));
    receive(status);
    expect(applied).toEqual([[metrics(1)], [status]]);
    expect(timers).toHaveLength(0);
  });

  it('holds metric events back and applies them together when the timer fires', () => {
    const { applied, timers, receive } = setup(480);
    receive(metrics(1));
    receive(metrics(2));
    expect(applied).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(applied).toEqual([[metrics(1), metrics(2)]]);
    // Nothing waits any more: a late timer applies nothing.
    timers[0]?.();
    expect(applied).toHaveLength(1);
  });

  it('applies what waits before any other event, in arrival order', () => {
    const { applied, timers, receive } = setup(480);
    receive(metrics(1));
    receive(status);
    expect(applied).toEqual([[metrics(1), status]]);
    timers[0]?.();
    expect(applied).toHaveLength(1);
  });
});
