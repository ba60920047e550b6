import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { createLabStore } from '../../../src/page/store/labStore';
import { LabDatabase } from '../../../src/page/store/persist/db';
import { startPersistence } from '../../../src/page/store/persist/startPersistence';
import {
  readTabMessage,
  type TabLink,
  type TabMessage,
} from '../../../src/page/store/persist/tabLink';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  emptyCheckpoint,
} from '../support/fakeLab';

let indexedDB: IDBFactory;
const openDb = () => new LabDatabase('bnlab-tabs-test', { indexedDB, IDBKeyRange });
beforeEach(() => {
  indexedDB = new IDBFactory();
});

/** Tabs on one in-memory channel: a post reaches every other tab in a later task. */
function channel() {
  const tabs = new Map<string, (m: TabMessage) => void>();
  const watchers = new Map<string, (() => void)[]>();
  /** Runs claimed, as a lock manager holds them. */
  const held = new Set<string>();
  const link = (tab: string): TabLink => ({
    tab,
    post: (message) =>
      setTimeout(() => {
        for (const [other, listener] of tabs) if (other !== tab) listener({ tab, ...message });
      }, 0),
    listen: (listener) => void tabs.set(tab, listener),
    watch: (other, gone) => watchers.set(other, [...(watchers.get(other) ?? []), gone]),
    close: () => void tabs.delete(tab),
    claim: async (id) => {
      if (held.has(id)) return null;
      held.add(id);
      return () => void held.delete(id);
    },
  });
  /** Tab `tab` closes: the others' watches fire. */
  const close = (tab: string) => {
    tabs.delete(tab);
    for (const gone of watchers.get(tab) ?? []) gone();
    watchers.delete(tab);
  };
  return { link, close, held };
}

async function openTab(name: string, link: TabLink) {
  const client = createFakeClient();
  const store = createLabStore(client, createFakeMemory(), DATA_URLS, null);
  const persister = await startPersistence(store, openDb, async () => null, link);
  if (!persister) throw new Error('storage did not start');
  return { name, client, store, persister };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('condition never held');
}

const config = { ...DEFAULT_RUN_CONFIG, steps: 100 };

describe('two tabs, live', () => {
  it('a run started in one tab appears in the other with its points, is controlled only where it trains, and is written once', async () => {
    const { link } = channel();
    const a = await openTab('A', link('tab-a'));
    const b = await openTab('B', link('tab-b'));
    const [x] = a.store.getState().startLabRuns({ label: 'from A', config, seeds: 1 });
    if (!x) throw new Error('no run');
    a.client.emit({ type: 'status', runId: x, status: 'running' });
    a.client.emit({
      type: 'metrics',
      chunks: [chunkOf(x, 'trainLoss', [1, 2, 3], [2.3, 2.2, 2.1])],
      progress: [{ runId: x, step: 3, stepsPerSecond: 10, msPerStep: 100 }],
    });
    await a.persister.flush();
    await until(() => b.store.getState().runs[x]?.step === 3);
    expect(b.store.getState().runs[x]).toMatchObject({ label: 'from A', status: 'running' });
    expect(b.store.getState().elsewhere[x]).toBe('tab-a');
    const steps = (id: string) => {
      const s = b.store.getState().series[id]?.trainLoss;
      return Array.from(s?.steps.subarray(0, s.length) ?? []);
    };
    expect(steps(x)).toEqual([1, 2, 3]);

    // More points in A reach B, appended; B writes none of them back.
    a.client.emit({
      type: 'metrics',
      chunks: [chunkOf(x, 'trainLoss', [4, 5], [2.0, 1.9])],
      progress: [{ runId: x, step: 5, stepsPerSecond: 10, msPerStep: 100 }],
    });
    await a.persister.flush();
    await until(() => steps(x).length === 5);
    expect(steps(x)).toEqual([1, 2, 3, 4, 5]);
    await b.persister.flush();
    const db = openDb();
    const stored = await db.chunks.where('runId').equals(x).toArray();
    expect(stored.flatMap((c) => Array.from(c.steps))).toEqual([1, 2, 3, 4, 5]);

    // A fatal error of B's own workers does not fail A's run.
    b.client.emit({ type: 'fatal', message: 'no backend works' });
    expect(b.store.getState().runs[x]?.status).toBe('running');

    // B renames it; A, which trains it, takes the new name and keeps its own live fields.
    b.store.getState().renameRun(x, 'renamed in B');
    await b.persister.flush();
    await until(() => a.store.getState().runs[x]?.label === 'renamed in B');
    expect(a.store.getState().runs[x]).toMatchObject({ status: 'running', step: 5 });
    expect(a.store.getState().elsewhere[x]).toBeUndefined();
    await a.persister.flush();
    expect((await db.runs.get(x))?.label).toBe('renamed in B');
  });

  it('deleting in one tab deletes in the other, and stops the run where it trains', async () => {
    const { link } = channel();
    const a = await openTab('A', link('tab-a'));
    const b = await openTab('B', link('tab-b'));
    const [x] = a.store.getState().startLabRuns({ label: 'doomed', config, seeds: 1 });
    if (!x) throw new Error('no run');
    a.client.emit({ type: 'status', runId: x, status: 'running' });
    await a.persister.flush();
    await until(() => !!b.store.getState().runs[x]);
    b.store.getState().deleteRun(x);
    await b.persister.flush();
    await until(() => !a.store.getState().runs[x]);
    expect(a.client.sent).toContainEqual({ type: 'stop', runId: x });
    await a.persister.flush();
    expect(await openDb().runs.get(x)).toBeUndefined();
  });

  it('a run deleted here is not brought back by news of it that was on its way', async () => {
    const { link } = channel();
    const a = await openTab('A', link('tab-a'));
    const b = await openTab('B', link('tab-b'));
    const [x] = a.store.getState().startLabRuns({ label: 'raced', config, seeds: 1 });
    if (!x) throw new Error('no run');
    a.client.emit({ type: 'status', runId: x, status: 'running' });
    await a.persister.flush();
    await until(() => !!b.store.getState().runs[x]);
    a.client.emit({
      type: 'metrics',
      chunks: [chunkOf(x, 'trainLoss', [1], [2.3])],
      progress: [{ runId: x, step: 1, stepsPerSecond: 10, msPerStep: 100 }],
    });
    await a.persister.flush();
    // A's news of x is on its way when B deletes x (B has not saved the deletion yet).
    b.store.getState().deleteRun(x);
    await new Promise((r) => setTimeout(r, 20));
    expect(b.store.getState().runs[x]).toBeUndefined();
    await b.persister.flush();
    await until(() => !a.store.getState().runs[x]);
    expect(await openDb().runs.get(x)).toBeUndefined();
  });

  it('when the training tab closes, its runs are interrupted in the other, resumable from their checkpoint', async () => {
    const { link, close } = channel();
    const a = await openTab('A', link('tab-a'));
    const b = await openTab('B', link('tab-b'));
    const [x] = a.store.getState().startLabRuns({ label: 'cut', config, seeds: 1 });
    if (!x) throw new Error('no run');
    a.client.emit({ type: 'status', runId: x, status: 'running' });
    a.client.emit({
      type: 'metrics',
      chunks: [chunkOf(x, 'trainLoss', [1, 2], [2.3, 2.2])],
      progress: [{ runId: x, step: 2, stepsPerSecond: 10, msPerStep: 100 }],
    });
    const checkpoint: TrainerCheckpoint = emptyCheckpoint(2, 20);
    a.client.emit({ type: 'checkpoint', runId: x, checkpoint });
    await a.persister.flush();
    await until(() => b.store.getState().runs[x]?.step === 2);
    // B cannot resume it while A trains it.
    expect(b.store.getState().resumeFromCheckpoint(x)).toBe(false);
    close('tab-a');
    await until(() => b.store.getState().runs[x]?.status === 'interrupted');
    expect(b.store.getState().runs[x]?.message).toMatch(/tab that trained it closed; its 2 steps/);
    expect(b.store.getState().elsewhere[x]).toBeUndefined();
    expect(b.store.getState().resumeFromCheckpoint(x)).toBe(true);
    await until(() => b.client.sent.at(-1)?.type === 'start');
    expect(b.client.sent.at(-1)).toMatchObject({ type: 'start', runs: [{ id: x }] });
  });

  it('two tabs that resume the same interrupted run at once: one trains it, the other says so', async () => {
    const { link, held } = channel();
    const a = await openTab('A', link('tab-a'));
    const [x] = a.store.getState().startLabRuns({ label: 'both', config, seeds: 1 });
    if (!x) throw new Error('no run');
    a.client.emit({
      type: 'checkpoint',
      runId: x,
      checkpoint: emptyCheckpoint(0, 0),
    });
    a.client.emit({ type: 'workerLost', runIds: [x], message: 'lost', replaced: true });
    expect(a.store.getState().runs[x]?.status).toBe('interrupted');
    await a.persister.flush();
    const b = await openTab('B', link('tab-b'));
    expect(b.store.getState().runs[x]?.status).toBe('interrupted');
    // Both press Resume before either has heard of the other's.
    a.store.getState().resumeFromCheckpoint(x);
    b.store.getState().resumeFromCheckpoint(x);
    await until(() => b.store.getState().notices.length > 0);
    expect(b.store.getState().notices.at(-1)?.text).toBe(
      'both is already being resumed in another tab.',
    );
    expect(b.client.sent.some((c) => c.type === 'start')).toBe(false);
    expect(a.client.sent.at(-1)).toMatchObject({ type: 'start', runs: [{ id: x }] });
    // The claim holds while it trains, and is let go when it ends.
    expect(held.has(x)).toBe(true);
    a.client.emit({ type: 'status', runId: x, status: 'running' });
    expect(held.has(x)).toBe(true);
    a.client.emit({ type: 'status', runId: x, status: 'completed' });
    expect(held.has(x)).toBe(false);
  });

  it('a dataset imported in one tab is listed and sent to the workers in the other; deleted, it leaves both', async () => {
    const { link } = channel();
    const a = await openTab('A', link('tab-a'));
    const b = await openTab('B', link('tab-b'));
    const csv = new TextEncoder().encode(
      ['x', 'y'].flatMap((c) => Array.from({ length: 5 }, (_, i) => `${c},${i},0,0,9`)).join('\n'),
    );
    expect(await a.store.getState().importDataset('shared', [{ name: 'a.csv', bytes: csv }])).toBe(
      true,
    );
    await until(() => b.store.getState().localDatasets.length === 1);
    expect(b.store.getState().localDatasets[0]).toMatchObject({
      id: 'local:shared',
      count: 10,
      shape: { side: 28, channels: 1 },
    });
    expect(
      b.client.sent.some((c) => c.type === 'registerDataset' && c.dataset === 'local:shared'),
    ).toBe(true);
    await a.store.getState().deleteDataset('local:shared');
    await until(() => b.store.getState().localDatasets.length === 0);
    expect(b.client.sent.at(-1)).toEqual({ type: 'forgetDataset', dataset: 'local:shared' });
  });

  it('drops malformed messages', () => {
    expect(readTabMessage({ tab: 'x', saved: [], deleted: [], rewritten: [] })).not.toBeNull();
    expect(readTabMessage({ tab: 'x', saved: [1], deleted: [], rewritten: [] })).toBeNull();
    expect(readTabMessage({ tab: '', saved: [], deleted: [], rewritten: [] })).toBeNull();
    expect(readTabMessage('hello')).toBeNull();
    expect(readTabMessage(null)).toBeNull();
    expect(
      readTabMessage({ tab: 't', saved: [], deleted: [], rewritten: [], datasets: [7] }),
    ).toBeNull();
  });
});
