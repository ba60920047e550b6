import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import { LabDatabase, type StoredChunk, type StoredRun } from '../../../src/page/store/persist/db';
import { loadRuns } from '../../../src/page/store/persist/loadRuns';
import {
  changedFields,
  CHUNKS_PER_TRANSACTION,
  RUNS_PER_TRANSACTION,
  persistRuns,
  saveErrorMessage,
  sliceWrite,
  type WriteSlice,
} from '../../../src/page/store/persist/persistRuns';
import { METRIC_IDS } from '../../../src/shared/metrics';
import { startPersistence } from '../../../src/page/store/persist/startPersistence';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
} from '../support/fakeLab';

let indexedDB: IDBFactory;
const openDb = () => new LabDatabase('bnlab-test', { indexedDB, IDBKeyRange });
let client: FakeClient;
let store: StoreApi<LabState>;

function newStore() {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URLS);
  return store;
}

beforeEach(() => {
  indexedDB = new IDBFactory();
  newStore();
});

const config = { ...DEFAULT_RUN_CONFIG, steps: 100 };
const noError = (message: string) => {
  throw new Error(`unexpected save error: ${message}`);
};

describe('persistence', () => {
  it('writes runs and their points as they train, and reads them back after a reload', async () => {
    const db = openDb();
    const persister = persistRuns(store, db, { onError: noError, delayMs: 5 });
    const [a, b] = store.getState().startLabRuns({ label: 'bn', config, seeds: 2 });
    client.emit({ type: 'status', runId: a!, status: 'running' });
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(a!, 'trainLoss', [1, 2, 3], [2.3, 2.1, NaN])],
      progress: [{ runId: a!, step: 3, stepsPerSecond: 10, msPerStep: 100 }],
    });
    client.emit({ type: 'status', runId: b!, status: 'completed' });
    const checkpoint = {
      version: 1 as const,
      step: 2,
      elapsedMs: 20,
      trainable: [{ shape: [2], data: Float32Array.from([0.5, -1]) }],
      state: [],
      optimizer: [],
      sampler: null,
      noise: [],
    };
    client.emit({ type: 'checkpoint', runId: a!, checkpoint });
    await persister.flush();
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [4], [2.0])], progress: [] });
    await persister.flush();

    // Typed arrays are stored as such, and each save appends only the new points.
    const chunks = await db.chunks.toArray();
    expect(chunks.map((c) => Array.from(c.steps))).toEqual([[1, 2, 3], [4]]);
    expect(chunks[0]!.values).toBeInstanceOf(Float32Array);
    persister.stop();

    const loaded = await loadRuns(openDb());
    expect(loaded.runs.map((r) => r.id)).toEqual([a, b]);
    const [ra, rb] = loaded.runs;
    expect(ra!.status).toBe('interrupted');
    expect(ra!.step).toBe(3);
    expect(ra!.message).toMatch(/3 steps are kept/);
    expect(rb!.status).toBe('completed');
    expect(loaded.checkpoints[a!]?.step).toBe(2);
    expect(loaded.checkpoints[a!]?.trainable[0]?.data).toEqual(Float32Array.from([0.5, -1]));
    const loss = loaded.series[a!]!.trainLoss!;
    expect(Array.from(loss.steps.subarray(0, loss.length))).toEqual([1, 2, 3, 4]);
    expect(Number.isNaN(loss.values[2])).toBe(true);

    const reloaded = newStore();
    reloaded.getState().addStoredRuns(loaded.runs, loaded.series);
    expect(reloaded.getState().runOrder).toEqual([a, b]);
    expect(reloaded.getState().series[a!]?.trainLoss?.length).toBe(4);
  });

  it('saves a run the moment it ends, without waiting for the batch', async () => {
    const db = openDb();
    // A delay no test waits for: only the end of the run can have written it.
    const persister = persistRuns(store, db, { onError: noError, delayMs: 60_000 });
    const [a] = store.getState().startLabRuns({ label: 'x', config, seeds: 1 });
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(a!, 'trainLoss', [1, 2], [2, 1])],
      progress: [],
    });
    client.emit({ type: 'status', runId: a!, status: 'completed' });
    for (let i = 0; i < 50 && (await db.runs.count()) === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await db.runs.get(a!))?.status).toBe('completed');
    expect((await db.chunks.toArray()).flatMap((c) => Array.from(c.steps))).toEqual([1, 2]);
    persister.stop();
  });

  it('deleting a run frees its records and points', async () => {
    const db = openDb();
    const persister = persistRuns(store, db, { onError: noError, delayMs: 5 });
    const [a, b] = store.getState().startLabRuns({ label: 'x', config, seeds: 2 });
    client.emit({
      type: 'metrics',
      chunks: [chunkOf(a!, 'trainLoss', [1], [1]), chunkOf(b!, 'trainLoss', [1], [1])],
      progress: [],
    });
    await persister.flush();
    store.getState().deleteRun(a!);
    await persister.flush();
    expect((await db.runs.toArray()).map((r) => r.id)).toEqual([b]);
    expect((await db.chunks.toArray()).map((c) => c.runId)).toEqual([b]);
    expect((await db.runs.get(b!))?.bytes).toBe(12);
  });

  it('a full disk is said once, keeps what is stored, and the points are saved on a later try', async () => {
    const db = openDb();
    const errors: string[] = [];
    const persister = persistRuns(store, db, { onError: (m) => errors.push(m), delayMs: 5 });
    const [a] = store.getState().startLabRuns({ label: 'x', config, seeds: 1 });
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [1], [1])], progress: [] });
    await persister.flush();
    const realAdd = db.chunks.bulkAdd.bind(db.chunks);
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    db.chunks.bulkAdd = () => Dexie.Promise.reject(quota);
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [2], [2])], progress: [] });
    await persister.flush();
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [3], [3])], progress: [] });
    await persister.flush();
    expect(errors).toEqual([saveErrorMessage(quota)]);
    expect(errors[0]).toMatch(/storage is full.*runs saved so far are kept/);
    expect((await db.chunks.toArray()).flatMap((c) => Array.from(c.steps))).toEqual([1]);

    db.chunks.bulkAdd = realAdd;
    await persister.flush();
    expect((await db.chunks.toArray()).flatMap((c) => Array.from(c.steps))).toEqual([1, 2, 3]);
  });

  it('opens a version-1 database and fills in what versions 2 to 4 add', async () => {
    const v1 = new Dexie('bnlab-test', { indexedDB, IDBKeyRange });
    v1.version(1).stores({ runs: 'id, order', chunks: '++key, runId' });
    const { bytes: _, ...oldRun }: StoredRun = {
      ...(await (async () => {
        const s = newStore();
        const [id] = s.getState().startLabRuns({ label: 'old', config, seeds: 1 });
        const { stepsPerSecond: _s, msPerStep: _m, ...fields } = s.getState().runs[id!]!;
        return { ...fields, order: 0, bytes: 0 };
      })()),
      status: 'completed',
    };
    // Stored before runs named a dataset: its config has none.
    const { dataset: _d, ...oldConfig } = oldRun.config;
    await v1.table('runs').put({ ...oldRun, config: oldConfig });
    const chunk: StoredChunk = {
      runId: oldRun.id,
      metric: 'trainLoss',
      steps: Int32Array.from([1, 2]),
      times: Float32Array.from([1, 2]),
      values: Float32Array.from([1, 2]),
    };
    await v1.table('chunks').add(chunk);
    v1.close();

    const db = openDb();
    await db.open();
    expect(db.verno).toBe(4);
    expect((await db.runs.get(oldRun.id))?.bytes).toBe(24);
    expect(await db.datasets.count()).toBe(0);
    const loaded = await loadRuns(db);
    expect(loaded.runs[0]?.label).toBe('old');
    // A run stored before datasets existed trained on MNIST.
    expect(loaded.runs[0]?.config.dataset).toBe('mnist');
    expect(loaded.series[oldRun.id]?.trainLoss?.length).toBe(2);
  });

  it('startPersistence reads stored runs into the store and keeps saving; without storage it says so', async () => {
    const first = await startPersistence(store, openDb, async () => ({
      usage: 1000,
      quota: 10_000,
    }));
    const [a] = store.getState().startLabRuns({ label: 'kept', config, seeds: 1 });
    await first!.flush();
    first!.stop();
    expect(store.getState().storage).toBe('on');

    const next = newStore();
    await startPersistence(next, openDb, async () => null);
    expect(next.getState().runs[a!]?.label).toBe('kept');
    expect(next.getState().runs[a!]?.status).toBe('interrupted');

    const blocked = newStore();
    const none = await startPersistence(
      blocked,
      () => {
        throw new Error('IndexedDB is disabled');
      },
      async () => null,
    );
    expect(none).toBeNull();
    expect(blocked.getState().storage).toBe('off');
    expect(blocked.getState().notices.at(-1)?.text).toMatch(
      /will not be kept.*IndexedDB is disabled/,
    );
  });

  it('two tabs: an edit in one is not undone by an edit in the other, and a run deleted in one is not brought back', async () => {
    const estimate = async () => null;
    const tabA = store;
    const persistA = await startPersistence(tabA, openDb, estimate);
    const [x, y] = tabA.getState().startLabRuns({ label: 'run', config, seeds: 2 });
    client.emit({ type: 'status', runId: x!, status: 'completed' });
    client.emit({ type: 'status', runId: y!, status: 'completed' });
    await persistA!.flush();

    // A second tab opens and reads both runs.
    const tabB = newStore();
    const persistB = await startPersistence(tabB, openDb, estimate);
    expect(Object.keys(tabB.getState().runs).sort()).toEqual([x, y].sort());

    // A renames x; B, still showing the old name, hides it: both edits stay.
    tabA.getState().renameRun(x!, 'renamed in A');
    await persistA!.flush();
    tabB.getState().setRunVisible(x!, false);
    await persistB!.flush();
    const stored = await openDb().runs.get(x!);
    expect(stored?.label).toBe('renamed in A');
    expect(stored?.visible).toBe(false);

    // A deletes y; B, still showing it, recolours it: y stays deleted, points and all.
    tabA.getState().deleteRun(y!);
    await persistA!.flush();
    tabB.getState().setRunColor(y!, '#123456');
    await persistB!.flush();
    expect(await openDb().runs.get(y!)).toBeUndefined();
    expect(await openDb().chunks.where('runId').equals(y!).count()).toBe(0);
    persistA!.stop();
    persistB!.stop();
  });

  it('a write bigger than one transaction is stored in slices of whole runs; a failed slice keeps the ones before it', async () => {
    const db = openDb();
    const errors: string[] = [];
    const persister = persistRuns(store, db, { onError: (m) => errors.push(m), delayMs: 60_000 });
    // 8 runs x 10 metrics = 80 chunks: more than one transaction's worth.
    const metrics = METRIC_IDS.slice(0, 10);
    const ids = store.getState().startLabRuns({ label: 'x', config, seeds: 8 });
    const emitStep = (step: number) =>
      client.emit({
        type: 'metrics',
        chunks: ids.flatMap((id) => metrics.map((m) => chunkOf(id, m, [step], [step]))),
        progress: [],
      });
    expect(ids.length * metrics.length).toBeGreaterThan(CHUNKS_PER_TRANSACTION);
    emitStep(1);
    const realAdd = db.chunks.bulkAdd.bind(db.chunks);
    let adds = 0;
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    db.chunks.bulkAdd = ((...args: Parameters<typeof realAdd>) =>
      ++adds === 2 ? Dexie.Promise.reject(quota) : realAdd(...args)) as typeof realAdd;
    await persister.flush();
    expect(errors).toEqual([saveErrorMessage(quota)]);
    const stored = await db.runs.toArray();
    // The first slice is stored whole (records with their points); the second not at all.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(ids.length);
    for (const run of stored) {
      expect(await db.chunks.where('runId').equals(run.id).count()).toBe(metrics.length);
      expect(run.bytes).toBe(metrics.length * 12);
    }

    db.chunks.bulkAdd = realAdd;
    emitStep(2);
    await persister.flush();
    const reloaded = await loadRuns(db);
    expect(reloaded.runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      for (const m of metrics) {
        const series = reloaded.series[id]?.[m];
        expect(Array.from(series?.steps.subarray(0, series.length) ?? [])).toEqual([1, 2]);
      }
      expect((await db.runs.get(id))?.bytes).toBe(metrics.length * 2 * 12);
    }
  });
});

describe('sliceWrite', () => {
  const chunk = (runId: string, metric: string): StoredChunk =>
    ({ ...chunkOf(runId, 'trainLoss', [1], [1]), metric }) as StoredChunk;
  const write = (chunks: Record<string, number>, deleted: string[] = []): WriteSlice => ({
    chunks: Object.entries(chunks).flatMap(([id, n]) =>
      Array.from({ length: n }, (_, i) => chunk(id, `m${i}`)),
    ),
    lengths: Object.entries(chunks).flatMap(([id, n]) =>
      Array.from({ length: n }, (_, i): [string, number] => [`${id}\u0000m${i}`, 1]),
    ),
    runs: Object.keys(chunks).map((id) => ({ id }) as StoredRun),
    updates: [],
    deleted,
    rewrite: [],
    checkpoints: [],
  });
  const runsOf = (slices: WriteSlice[]) =>
    slices.map((s) => [...new Set(s.chunks.map((c) => c.runId))].join(''));

  it('packs whole runs up to the cap, deletions first, and a big run alone', () => {
    const slices = sliceWrite(write({ a: 2, b: 1, c: 3, d: 9, e: 1 }, ['z']), 4);
    expect(runsOf(slices)).toEqual(['ab', 'c', 'd', 'e']);
    expect(slices.map((s) => s.deleted)).toEqual([['z'], [], [], []]);
    // Each run's record and series lengths travel with its points.
    for (const s of slices) {
      const runs = new Set(s.chunks.map((c) => c.runId));
      expect(new Set(s.runs.map((r) => r.id))).toEqual(runs);
      expect(new Set(s.lengths.map(([key]) => key.split('\u0000')[0]))).toEqual(runs);
    }
  });

  it('cuts records without points (runs just queued) into slices of at most maxRuns runs', () => {
    const queued = {
      ...write({}),
      runs: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }) as StoredRun),
    };
    const slices = sliceWrite(queued, 4, 2);
    expect(slices.map((s) => s.runs.map((r) => r.id).join(''))).toEqual(['ab', 'cd', 'e']);
    // By default: a queued 48-run sweep's records in slices of RUNS_PER_TRANSACTION.
    const sweep = {
      ...write({}),
      runs: Array.from({ length: 48 }, (_, i) => ({ id: `r${i}` }) as StoredRun),
    };
    expect(sliceWrite(sweep, CHUNKS_PER_TRANSACTION).map((s) => s.runs.length)).toEqual(
      Array.from({ length: 48 / RUNS_PER_TRANSACTION }, () => RUNS_PER_TRANSACTION),
    );
    // Both caps at once: 2 runs or 4 chunks, whichever comes first.
    expect(runsOf(sliceWrite(write({ a: 1, b: 1, c: 3, d: 2 }), 4, 2))).toEqual(['ab', 'c', 'd']);
  });

  it('gives one slice for a delete alone, a record change alone, and none for nothing', () => {
    expect(runsOf(sliceWrite(write({}, ['z']), 4))).toEqual(['']);
    const recordOnly = { ...write({}), runs: [{ id: 'a' } as StoredRun] };
    expect(sliceWrite(recordOnly, 4).map((s) => s.runs.map((r) => r.id))).toEqual([['a']]);
    expect(sliceWrite(write({}), 4)).toEqual([]);
  });
});

describe('changedFields', () => {
  const record = { id: 'a', label: 'x', visible: true, step: 3, sweep: 's1' } as StoredRun;
  it('names only the fields that changed, a removed one as undefined, and nothing for no change', () => {
    expect(changedFields(record, { ...record })).toBeNull();
    expect(changedFields(record, { ...record, label: 'y', step: 4 })).toEqual({
      label: 'y',
      step: 4,
    });
    const { sweep: _gone, ...withoutSweep } = record;
    const changes = changedFields(record, withoutSweep as StoredRun);
    expect(changes).toHaveProperty('sweep', undefined);
    expect(Object.keys(changes ?? {})).toEqual(['sweep']);
    // Compared by identity: an equal but new config object counts as a change.
    const config = { ...DEFAULT_RUN_CONFIG };
    expect(
      changedFields({ ...record, config }, { ...record, config: { ...config } }),
    ).toHaveProperty('config');
  });
});
