import { describe, expect, it } from 'vitest';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import type { RunStatus } from '../../../src/shared/runStatus';
import { applyEvent } from '../../../src/page/store/applyEvent';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  emptyCheckpoint,
} from '../support/fakeLab';

/** A state with one launch and one point of train loss on its first run. */
function launchedState() {
  const store = createLabStore(createFakeClient(), createFakeMemory(), DATA_URLS);
  store.getState().launchExperiment('does-bn-work', doesBnWork.defaults);
  const ids = store.getState().launches['does-bn-work'] ?? [];
  const id = ids[0] ?? '';
  store.setState((s) =>
    applyEvent(s, { type: 'metrics', chunks: [chunkOf(id, 'trainLoss', [1], [2])], progress: [] }),
  );
  return { state: store.getState(), id, ids };
}

describe('applyEvent', () => {
  it('returns only the changed keys and leaves the given state untouched', () => {
    const { state, id } = launchedState();
    const seriesBefore = state.series;
    const perRunBefore = state.series[id];
    const lossBefore = state.series[id]?.trainLoss;

    const change = applyEvent(state, {
      type: 'metrics',
      chunks: [chunkOf(id, 'trainLoss', [2], [1.5])],
      progress: [{ runId: id, step: 2, stepsPerSecond: 8, msPerStep: 25 }],
    });

    expect(Object.keys(change).sort()).toEqual(['runs', 'series']);
    expect(change.series?.[id]?.trainLoss?.length).toBe(2);
    expect(change.runs?.[id]?.step).toBe(2);
    // New objects along the changed path, the old ones as they were.
    expect(change.series).not.toBe(seriesBefore);
    expect(change.series?.[id]).not.toBe(perRunBefore);
    expect(state.series).toBe(seriesBefore);
    expect(state.series[id]?.trainLoss).toBe(lossBefore);
    expect(lossBefore?.length).toBe(1);
    expect(state.runs[id]?.step).toBe(0);
  });

  it('creates the series of a metric on its first chunk', () => {
    const { state, ids } = launchedState();
    const other = ids[1] ?? '';
    expect(state.series[other]).toBeUndefined();
    const change = applyEvent(state, {
      type: 'metrics',
      chunks: [chunkOf(other, 'deadConv1', [5, 10], [0, 0.125])],
      progress: [],
    });
    const dead = change.series?.[other]?.deadConv1;
    expect(dead?.length).toBe(2);
    expect(Array.from(dead?.values.subarray(0, 2) ?? [])).toEqual([0, 0.125]);
  });

  it("a status for an unknown run changes nothing; 'phase' changes only the phase", () => {
    const { state } = launchedState();
    expect(applyEvent(state, { type: 'status', runId: 'ghost', status: 'failed' })).toEqual({});
    expect(applyEvent(state, { type: 'phase', phase: 'ready' })).toEqual({ phase: 'ready' });
  });
});

describe('a lost worker', () => {
  it('interrupts its runs that have a checkpoint (resumable), fails the others, keeps every point, and says so once', () => {
    const { state, ids } = launchedState();
    const [withCheckpoint = '', without = '', elsewhere = '', done = ''] = ids;
    const checkpoint: TrainerCheckpoint = emptyCheckpoint(50, 10);
    const statuses: Record<string, RunStatus> = {
      [withCheckpoint]: 'running',
      [without]: 'paused',
      [elsewhere]: 'running',
      [done]: 'completed',
    };
    const runs = Object.fromEntries(
      Object.entries(state.runs).map(([id, run]) => [
        id,
        { ...run, status: statuses[id] ?? run.status },
      ]),
    );
    const before: LabState = { ...state, runs, checkpoints: { [withCheckpoint]: checkpoint } };
    const change = applyEvent(before, {
      type: 'workerLost',
      runIds: [withCheckpoint, without, done, 'ghost'],
      message: 'the training worker crashed: out of memory',
      replaced: true,
    });
    const after = change.runs ?? {};
    expect(after[withCheckpoint]?.status).toBe('interrupted');
    expect(after[withCheckpoint]?.message).toBe(
      'the training worker crashed: out of memory; it can resume from step 50',
    );
    expect(after[without]?.status).toBe('failed');
    expect(after[without]?.message).toBe('the training worker crashed: out of memory');
    expect(after[elsewhere]?.status).toBe('running');
    expect(after[done]?.status).toBe('completed');
    expect(change.series).toBeUndefined();
    expect(change.notices?.map((n) => n.text)).toEqual([
      'The training worker crashed: out of memory. 1 run can resume from a checkpoint, 1 run failed before any checkpoint; their points are kept. The other runs go on; a new worker takes its place.',
    ]);
    // When the pool gives up on the worker instead, the notice does not promise a new one.
    const last = applyEvent(before, {
      type: 'workerLost',
      runIds: [without],
      message: 'the training worker crashed: boom',
      replaced: false,
    });
    expect(last.notices?.at(-1)?.text).toBe(
      'The training worker crashed: boom. 1 run failed before any checkpoint; their points are kept. No new worker is started.',
    );
  });
});
