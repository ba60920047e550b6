import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import type { ExperimentSettings } from '../../../src/experiments/types';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import type { Command } from '../../../src/shared/workerProtocol';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
  type FakeMemory,
} from '../support/fakeLab';

const SETTINGS: ExperimentSettings = { ...doesBnWork.defaults, steps: 300, seed: 7 };

let client: FakeClient;
let memory: FakeMemory;
let store: StoreApi<LabState>;

beforeEach(() => {
  client = createFakeClient();
  memory = createFakeMemory('webgl');
  store = createLabStore(client, memory, DATA_URLS);
});

/** Launch "does BN work?" and return the new run ids in plan order. */
function launch(settings: ExperimentSettings = SETTINGS): string[] {
  store.getState().launchExperiment('does-bn-work', settings);
  return store.getState().launches['does-bn-work'] ?? [];
}

/** Commands sent after the first `from`. */
/** Commands sent at start-up: the worker count and init. */
const STARTUP_COMMANDS = 2;
const sentSince = (from: number): Command[] => client.sent.slice(from);

describe('createLabStore', () => {
  it('subscribes and sends the remembered worker count, then init with the remembered backend and the data URL', () => {
    expect(client.listenerCount()).toBe(1);
    expect(client.sent).toEqual([
      { type: 'workers', choice: 'auto' },
      { type: 'init', choice: 'auto', remembered: 'webgl', dataUrls: DATA_URLS },
    ]);
    const state = store.getState();
    expect(state.phase).toBe('starting');
    expect(state.runs).toEqual({});
    expect(state.series).toEqual({});
  });

  it('sends remembered: null when nothing is remembered', () => {
    const other = createFakeClient();
    createLabStore(other, createFakeMemory(null, 2), DATA_URLS);
    expect(other.sent).toEqual([
      { type: 'workers', choice: 2 },
      { type: 'init', choice: 'auto', remembered: null, dataUrls: DATA_URLS },
    ]);
  });

  it('chooseWorkers remembers the choice and sends it; the pool’s report reaches the state', () => {
    const before = client.sent.length;
    store.getState().chooseWorkers(3);
    expect(memory.savedWorkers).toEqual([3]);
    expect(sentSince(before)).toEqual([{ type: 'workers', choice: 3 }]);
    client.emit({ type: 'workers', count: 3, choice: 3, cores: 8, auto: 7, shared: true });
    expect(store.getState().workers).toEqual({
      count: 3,
      choice: 3,
      cores: 8,
      auto: 7,
      shared: true,
    });
  });
});

describe('launchExperiment', () => {
  it('creates four queued runs (two panels x plain/BN) and sends one start with their configs', () => {
    const ids = launch();
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    const runs = ids.map((id) => store.getState().runs[id]);
    expect(runs.map((r) => r?.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    expect(runs.map((r) => r?.panel)).toEqual(['lr-0.1', 'lr-0.1', 'lr-0.5', 'lr-0.5']);
    expect(runs.map((r) => r?.label)).toEqual([
      'CNN, LR 0.1',
      'CNN + BN, LR 0.1',
      'CNN, LR 0.5',
      'CNN + BN, LR 0.5',
    ]);
    expect(runs.map((r) => r?.step)).toEqual([0, 0, 0, 0]);
    expect(runs.every((r) => r?.experimentId === 'does-bn-work')).toBe(true);

    const commands = sentSince(STARTUP_COMMANDS);
    expect(commands).toHaveLength(1);
    const start = commands[0];
    if (start?.type !== 'start') throw new Error(`expected start, got ${start?.type}`);
    expect(start.runs.map((r) => r.id)).toEqual(ids);
    expect(start.runs.map((r) => [r.config.model.normalization, r.config.learningRate])).toEqual([
      ['none', 0.1],
      ['batchnorm', 0.1],
      ['none', 0.5],
      ['batchnorm', 0.5],
    ]);
    for (const { id, config } of start.runs) {
      expect(config.steps).toBe(300);
      expect(config.seed).toBe(7);
      expect(config.model.gammaInit).toBe(SETTINGS.gammaInit);
      expect(store.getState().runs[id]?.config).toEqual(config);
    }
  });

  it('stops the still-active runs of the previous launch, and only those', () => {
    const first = launch();
    const [done, running, paused, queued] = first;
    client.emit({ type: 'status', runId: done ?? '', status: 'completed' });
    client.emit({ type: 'status', runId: running ?? '', status: 'running' });
    client.emit({ type: 'status', runId: paused ?? '', status: 'paused' });
    const before = client.sent.length;

    const second = launch({ ...SETTINGS, steps: 50 });
    const commands = sentSince(before);
    expect(commands.slice(0, 3)).toEqual([
      { type: 'stop', runId: running },
      { type: 'stop', runId: paused },
      { type: 'stop', runId: queued },
    ]);
    expect(commands).toHaveLength(4);
    expect(commands[3]?.type).toBe('start');

    expect(second).toHaveLength(4);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(store.getState().launches['does-bn-work']).toEqual(second);
    // The first launch's runs stay in the store (their status comes from the worker).
    expect(store.getState().runs[done ?? '']?.status).toBe('completed');
    expect(Object.keys(store.getState().runs)).toHaveLength(8);
    expect(store.getState().runs[second[0] ?? '']?.config.steps).toBe(50);
  });

  it('throws on an unknown experiment and sends nothing', () => {
    expect(() => store.getState().launchExperiment('no-such', SETTINGS)).toThrow(/no-such/);
    expect(client.sent).toHaveLength(STARTUP_COMMANDS);
  });

  it('pauseRun, resumeRun and stopRun send the matching command', () => {
    const [id = ''] = launch();
    const before = client.sent.length;
    store.getState().pauseRun(id);
    store.getState().resumeRun(id);
    store.getState().stopRun(id);
    expect(sentSince(before)).toEqual([
      { type: 'pause', runId: id },
      { type: 'resume', runId: id },
      { type: 'stop', runId: id },
    ]);
  });
});

describe('worker events', () => {
  it('status events update the run; a later status without message clears the old one', () => {
    const [a = '', b = ''] = launch();
    client.emit({ type: 'status', runId: a, status: 'running' });
    client.emit({ type: 'status', runId: b, status: 'diverged', message: 'loss became NaN' });
    expect(store.getState().runs[a]?.status).toBe('running');
    expect(store.getState().runs[a]?.message).toBeNull();
    expect(store.getState().runs[b]?.status).toBe('diverged');
    expect(store.getState().runs[b]?.message).toBe('loss became NaN');
    client.emit({ type: 'status', runId: b, status: 'stopped' });
    expect(store.getState().runs[b]?.message).toBeNull();
  });

  it('ignores a status for an unknown run', () => {
    launch();
    const runs = store.getState().runs;
    client.emit({ type: 'status', runId: 'ghost', status: 'running' });
    expect(store.getState().runs).toBe(runs);
  });

  it('metrics events append typed arrays per run and metric and update progress', () => {
    const [a = '', b = ''] = launch();
    client.emit({
      type: 'metrics',
      chunks: [
        chunkOf(a, 'trainLoss', [1, 2], [2.25, 2]),
        chunkOf(b, 'trainLoss', [1], [2.5]),
        chunkOf(a, 'testAccuracy', [2], [0.125]),
      ],
      progress: [{ runId: a, step: 2, stepsPerSecond: 40, msPerStep: 12.5 }],
    });
    const afterFirst = store.getState().series[a]?.trainLoss;
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(a, 'trainLoss', [3, 4], [1.75, 1.5])],
      progress: [
        { runId: a, step: 4, stepsPerSecond: 50, msPerStep: 10 },
        { runId: 'ghost', step: 9, stepsPerSecond: 1, msPerStep: 1 },
      ],
    });

    const loss = store.getState().series[a]?.trainLoss;
    expect(loss?.length).toBe(4);
    expect(loss?.values).toBeInstanceOf(Float32Array);
    expect(loss?.steps).toBeInstanceOf(Int32Array);
    expect(Array.from(loss?.steps.subarray(0, 4) ?? [])).toEqual([1, 2, 3, 4]);
    expect(Array.from(loss?.values.subarray(0, 4) ?? [])).toEqual([2.25, 2, 1.75, 1.5]);
    expect(Array.from(loss?.times.subarray(0, 4) ?? [])).toEqual([10, 20, 30, 40]);
    // The object from the first event still shows exactly its two points.
    expect(afterFirst?.length).toBe(2);
    expect(Array.from(afterFirst?.values.subarray(0, 2) ?? [])).toEqual([2.25, 2]);
    expect(afterFirst).not.toBe(loss);

    expect(store.getState().series[b]?.trainLoss?.length).toBe(1);
    expect(store.getState().series[a]?.testAccuracy?.values[0]).toBe(0.125);

    const run = store.getState().runs[a];
    expect([run?.step, run?.stepsPerSecond, run?.msPerStep]).toEqual([4, 50, 10]);
    expect(store.getState().runs[b]?.step).toBe(0);
    expect(store.getState().runs.ghost).toBeUndefined();
  });

  it("'fatal' fails queued, running and paused runs, keeps final ones and every series", () => {
    const [done = '', running = '', paused = '', queued = ''] = launch();
    client.emit({ type: 'status', runId: done, status: 'completed' });
    client.emit({ type: 'status', runId: running, status: 'running' });
    client.emit({ type: 'status', runId: paused, status: 'paused' });
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(running, 'trainLoss', [1, 2, 3], [2, 1.5, 1])],
      progress: [{ runId: running, step: 3, stepsPerSecond: 5, msPerStep: 20 }],
    });
    const series = store.getState().series[running]?.trainLoss;

    client.emit({ type: 'fatal', message: 'the training worker crashed: out of memory' });

    const state = store.getState();
    expect(state.phase).toBe('fatal');
    expect(state.fatal).toBe('the training worker crashed: out of memory');
    expect([running, paused, queued].map((id) => state.runs[id]?.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    expect(state.runs[running]?.message).toBe('the training worker crashed: out of memory');
    expect(state.runs[running]?.step).toBe(3);
    expect(state.runs[done]?.status).toBe('completed');
    expect(state.runs[done]?.message).toBeNull();
    expect(state.series[running]?.trainLoss).toBe(series);
    expect(state.series[running]?.trainLoss?.length).toBe(3);
  });

  it("'rejected' adds a notice; dismissNotice removes only that one", () => {
    client.emit({ type: 'rejected', command: 'setBackend', message: 'runs are training' });
    client.emit({ type: 'rejected', command: 'start', message: 'bad config' });
    const notices = store.getState().notices;
    expect(notices.map((n) => n.text)).toEqual(['runs are training', 'bad config']);
    const [first, second] = notices;
    expect(first?.id).not.toBe(second?.id);

    store.getState().dismissNotice(first?.id ?? -1);
    expect(store.getState().notices).toEqual([second]);
    store.getState().dismissNotice(12345);
    expect(store.getState().notices).toEqual([second]);
  });

  it("'phase' and 'dataset' events are stored", () => {
    client.emit({ type: 'phase', phase: 'loading-data' });
    expect(store.getState().phase).toBe('loading-data');
    client.emit({ type: 'dataset', images: 10000, bytes: 7_850_016 });
    expect(store.getState().dataset).toEqual({ images: 10000, bytes: 7_850_016 });
  });
});

describe('backend', () => {
  it("saves the backend to memory only when chosen by 'probe'", () => {
    const probe = [{ backend: 'wasm' as const, outcome: 'ok' as const, msPerStep: 9 }];
    client.emit({
      type: 'backend',
      backend: 'wasm',
      via: 'probe',
      probe,
      probeMs: 600,
      wasmThreads: true,
    });
    expect(memory.saved).toEqual(['wasm']);
    const state = store.getState();
    expect([state.backend, state.via, state.wasmThreads]).toEqual(['wasm', 'probe', true]);
    expect(state.probe).toEqual(probe);
    expect(state.probeMs).toBe(600);

    client.emit({
      type: 'backend',
      backend: 'webgl',
      via: 'remembered',
      probe: [],
      probeMs: 40,
      wasmThreads: false,
    });
    client.emit({
      type: 'backend',
      backend: 'cpu',
      via: 'user',
      probe: [],
      probeMs: 600,
      wasmThreads: false,
    });
    expect(memory.saved).toEqual(['wasm']);
    expect([store.getState().backend, store.getState().via]).toEqual(['cpu', 'user']);
  });

  it("chooseBackend sends setBackend only when phase is 'ready'", () => {
    store.getState().chooseBackend('cpu');
    client.emit({ type: 'phase', phase: 'probing' });
    store.getState().chooseBackend('cpu');
    expect(client.sent).toHaveLength(STARTUP_COMMANDS);
    expect(store.getState().choice).toBe('auto');

    client.emit({ type: 'phase', phase: 'ready' });
    store.getState().chooseBackend('wasm');
    expect(sentSince(STARTUP_COMMANDS)).toEqual([{ type: 'setBackend', choice: 'wasm' }]);
    // The menu follows what the worker put in force, not the request.
    expect(store.getState().choice).toBe('auto');
    client.emit({
      type: 'backend',
      backend: 'wasm',
      via: 'user',
      probe: [],
      probeMs: 600,
      wasmThreads: false,
    });
    expect(store.getState().choice).toBe('wasm');

    client.emit({ type: 'fatal', message: 'no backend works' });
    store.getState().chooseBackend('auto');
    expect(client.sent).toHaveLength(STARTUP_COMMANDS + 1);
    expect(store.getState().choice).toBe('wasm');
  });
});
