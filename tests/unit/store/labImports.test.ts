import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import { LAB_EXPERIMENT } from '../../../src/page/store/runView';
import { runStyleAt, styleKey } from '../../../src/experiments/runStyles';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
  emptyCheckpoint,
} from '../support/fakeLab';

let client: FakeClient;
let store: StoreApi<LabState>;

beforeEach(() => {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(null), DATA_URLS);
});

const config = { ...DEFAULT_RUN_CONFIG, seed: 5, steps: 40 };
const state = () => store.getState();

describe('importRuns', () => {
  it('adds imported runs under new ids, marked imported, groups kept apart, training ones interrupted', () => {
    const [mine] = state().startLabRuns({ label: 'mine', config, seeds: 1 });
    const series = {
      trainLoss: {
        steps: Int32Array.from([1, 2]),
        times: Float32Array.from([5, 9]),
        values: Float32Array.from([2.3, NaN]),
        length: 2,
      },
    };
    const base = {
      config,
      step: 2,
      backend: 'wasm' as const,
      experimentId: 'lab',
      style: { color: '#009E73', dashed: false },
      series,
    };
    const ids = state().importRuns([
      { ...base, sourceId: mine!, label: 'a', status: 'completed', message: null, group: 'g' },
      { ...base, sourceId: 'x', label: 'b', status: 'running', message: null, group: 'g' },
      {
        ...base,
        sourceId: 'y',
        label: 'c',
        status: 'stopped',
        message: 'Stopped at step 2 of 5.',
        group: 'y',
      },
    ]);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(mine);
    const runs = ids.map((id) => state().runs[id]!);
    expect(runs.every((r) => r.imported)).toBe(true);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'interrupted', 'stopped']);
    // The reason a run stopped comes in with it; one cut off mid-training says so.
    expect(runs.map((r) => r.message)).toEqual([
      null,
      'It was still training when it was exported.',
      'Stopped at step 2 of 5.',
    ]);
    expect(runs[0]!.group).toBe(runs[1]!.group);
    expect(runs[0]!.group).not.toBe('g');
    expect(runs[2]!.group).toBe(runs[2]!.id);
    expect(state().runs[mine!]!.label).toBe('mine');
    expect(state().series[ids[0]!]?.trainLoss?.length).toBe(2);
    expect(state().runOrder).toEqual([mine, ...ids]);
    // The file's group keeps its green; the single run's green is then taken, so it gets another.
    expect(runs[0]!.style).toEqual({ color: '#009E73', dashed: false });
    expect(runs[1]!.style).toEqual(runs[0]!.style);
    expect(styleKey(runs[2]!.style)).not.toBe(styleKey(runs[0]!.style));
    expect(runs[2]!.panelStyle).toEqual({ color: '#009E73', dashed: false });
  });

  it('gives an imported copy of a run on show a look of its own', () => {
    const [mine] = state().startLabRuns({ label: 'mine', config, seeds: 1 });
    const original = state().runs[mine!]!;
    const [copy] = state().importRuns([
      {
        config,
        message: null,
        step: 0,
        backend: 'wasm',
        experimentId: 'lab',
        style: original.style,
        series: {},
        sourceId: mine!,
        label: 'mine',
        status: 'completed',
        group: mine!,
      },
    ]);
    expect(styleKey(state().runs[copy!]!.style)).not.toBe(styleKey(original.style));
  });
});

describe('resumeFromCheckpoint', () => {
  it('drops the points after the checkpoint and starts the run from it', () => {
    const [a] = state().startLabRuns({ label: 'long', config, seeds: 1 });
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(a!, 'trainLoss', [1, 2, 3, 4], [4, 3, 2, 1])],
      progress: [],
    });
    const checkpoint = emptyCheckpoint(2, 20);
    client.emit({ type: 'checkpoint', runId: a!, checkpoint });
    expect(state().checkpoints[a!]).toBe(checkpoint);
    // Only an interrupted run resumes.
    expect(state().resumeFromCheckpoint(a!)).toBe(false);
    const run = state().runs[a!]!;
    const reloaded = newStoreWith();
    reloaded
      .getState()
      .addStoredRuns(
        [{ ...run, status: 'interrupted', step: 4 }],
        { [a!]: state().series[a!]! },
        { [a!]: checkpoint },
      );
    expect(reloaded.getState().resumeFromCheckpoint(a!)).toBe(true);
    const loss = reloaded.getState().series[a!]!.trainLoss!;
    expect(Array.from(loss.steps.subarray(0, loss.length))).toEqual([1, 2]);
    expect(reloaded.getState().runs[a!]).toMatchObject({ status: 'queued', step: 2 });
    expect(reloadedClient.sent.at(-1)).toEqual({
      type: 'start',
      runs: [{ id: a, config: run.config, resume: checkpoint }],
    });
  });
});

let reloadedClient: FakeClient;
function newStoreWith() {
  reloadedClient = createFakeClient();
  return createLabStore(reloadedClient, createFakeMemory(null), DATA_URLS);
}

describe('openCheckpoint', () => {
  it('adds an interrupted, imported lab run at the checkpoint step that Resume starts from it', () => {
    const checkpoint = emptyCheckpoint(30, 900);
    const [first] = state().startLabRuns({ label: 'first', config, seeds: 1 });
    const id = state().openCheckpoint('bn\u202e-step30', config, checkpoint);
    const run = state().runs[id]!;
    expect(run).toMatchObject({
      label: 'bn-step30',
      status: 'interrupted',
      step: 30,
      imported: true,
      experimentId: LAB_EXPERIMENT,
    });
    expect(run.message).toMatch(/at step 30/);
    // Its own look: the plain look is the first run's, so the first free one of the palette.
    expect(run.style).toEqual(runStyleAt(0));
    expect(run.style).not.toEqual(state().runs[first!]!.style);
    expect(state().checkpoints[id]).toBe(checkpoint);
    expect(state().runOrder).toEqual([first, id]);
    expect(state().resumeFromCheckpoint(id)).toBe(true);
    expect(client.sent.at(-1)).toEqual({
      type: 'start',
      runs: [{ id, config, resume: checkpoint }],
    });
  });
});
