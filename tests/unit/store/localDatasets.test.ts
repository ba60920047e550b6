import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import {
  fitSplit,
  readLocalDataset,
  type LocalDataset,
} from '../../../src/page/store/localDatasets';
import { LabDatabase } from '../../../src/page/store/persist/db';
import { startPersistence } from '../../../src/page/store/persist/startPersistence';
import { decodeMnist } from '../../../src/shared/imageBinary';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { createFakeClient, createFakeMemory, DATA_URLS, type FakeClient } from '../support/fakeLab';

let indexedDB: IDBFactory;
const openDb = () => new LabDatabase('bnlab-datasets-test', { indexedDB, IDBKeyRange });
let client: FakeClient;
let store: StoreApi<LabState>;

/** A CSV of `perClass` 2x2 images for each class. */
const csv = (classes: string[], perClass: number) =>
  new TextEncoder().encode(
    classes
      .flatMap((c) => Array.from({ length: perClass }, (_, i) => `${c},0,${i},255,9`))
      .join('\n'),
  );

async function newStore() {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URLS, null);
  await startPersistence(store, openDb, async () => null);
  return store;
}

beforeEach(async () => {
  indexedDB = new IDBFactory();
  await newStore();
});

const registered = () => client.sent.filter((c) => c.type === 'registerDataset');

describe('local datasets in the store', () => {
  it('imports a CSV: listed, stored, sent to the workers; a reload reads it back and sends it again', async () => {
    expect(
      await store
        .getState()
        .importDataset(' cats ', [{ name: 'a.csv', bytes: csv(['cat', 'dog'], 6) }]),
    ).toBe(true);
    expect(store.getState().localDatasets).toMatchObject([
      {
        id: 'local:cats',
        name: 'cats',
        count: 12,
        shape: { side: 28, channels: 1 },
        classNames: ['cat', 'dog'],
        source: 'CSV',
      },
    ]);
    const [sent] = registered();
    if (sent?.type !== 'registerDataset') throw new Error('not sent');
    const decoded = decodeMnist(new Uint8Array(sent.data));
    expect([decoded.count, decoded.rows, decoded.cols, decoded.classes]).toEqual([12, 28, 28, 2]);

    await newStore();
    expect(store.getState().localDatasets.map((d) => d.id)).toEqual(['local:cats']);
    expect(registered().map((c) => c.type === 'registerDataset' && c.dataset)).toEqual([
      'local:cats',
    ]);
  });

  it('refuses a bad name, a taken one and a bad file with a notice, adding nothing', async () => {
    const { importDataset } = store.getState();
    expect(await importDataset('', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }])).toBe(false);
    expect(await importDataset('x/y', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }])).toBe(false);
    expect(await importDataset('ok', [{ name: 'a.csv', bytes: csv(['a'], 5) }])).toBe(false);
    expect(await importDataset('ok', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }])).toBe(true);
    expect(await importDataset('ok', [{ name: 'b.csv', bytes: csv(['a', 'b'], 5) }])).toBe(false);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/^The dataset was not imported: a name of 1 to 40 letters/),
      expect.stringMatching(/^The dataset was not imported: a name of 1 to 40 letters/),
      'The dataset was not imported: only one class (“a”): a classifier needs at least 2.',
      'The dataset was not imported: a dataset named “ok” exists: delete it or choose another name.',
    ]);
    expect(store.getState().localDatasets).toHaveLength(1);
    expect(await openDb().datasets.count()).toBe(1);
    // The last refusal is kept for the import box to show beside itself.
    expect(store.getState().datasetImportProblem).toBe(
      'a dataset named “ok” exists: delete it or choose another name',
    );
    await importDataset('ok too', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }]);
    expect(store.getState().datasetImportProblem).toBeNull();
  });

  it('fits a run’s split to the dataset it trains on, and refuses to delete a dataset an unfinished run needs', async () => {
    await store.getState().importDataset('small', [{ name: 'a.csv', bytes: csv(['a', 'b'], 10) }]);
    const [id] = store.getState().startLabRuns({
      label: 'on small',
      config: { ...DEFAULT_RUN_CONFIG, dataset: 'local:small', batchSize: 4 },
      seeds: 1,
    });
    const run = store.getState().runs[id ?? ''];
    expect(run?.config.data).toMatchObject({ trainSize: 16, testSize: 4 });
    expect(run?.config.evalSize).toBe(4);
    await store.getState().deleteDataset('local:small');
    expect(store.getState().localDatasets).toHaveLength(1);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Stop the runs on “small” before deleting it.',
    );
    // Interrupted (the page closed while it trained), it could resume: still refused.
    client.emit({ type: 'status', runId: id ?? '', status: 'interrupted' });
    await store.getState().deleteDataset('local:small');
    expect(store.getState().localDatasets).toHaveLength(1);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Runs on “small” were interrupted and can resume: delete them, or resume them to the end, before deleting it.',
    );
    client.emit({ type: 'status', runId: id ?? '', status: 'completed' });
    await store.getState().deleteDataset('local:small');
    expect(store.getState().localDatasets).toHaveLength(0);
    expect(await openDb().datasets.count()).toBe(0);
    // The workers are told to let its images go.
    expect(client.sent.at(-1)).toEqual({ type: 'forgetDataset', dataset: 'local:small' });
    // A copy of the run cannot start without its images: refused with the way to bring them.
    expect(store.getState().duplicateRun(id ?? '')).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toMatch(
      /^Not started: small \(local\) is not in this browser \(deleted/,
    );
  });

  it('a run started while the deletion is stored keeps its images in the workers', async () => {
    await store.getState().importDataset('small', [{ name: 'a.csv', bytes: csv(['a', 'b'], 10) }]);
    const deleting = store.getState().deleteDataset('local:small');
    store.getState().startLabRuns({
      label: 'just in time',
      config: { ...DEFAULT_RUN_CONFIG, dataset: 'local:small', batchSize: 4 },
      seeds: 1,
    });
    await deleting;
    expect(store.getState().localDatasets).toHaveLength(0);
    expect(client.sent.some((c) => c.type === 'forgetDataset')).toBe(false);
  });

  it('an import of a name another tab imported meanwhile replaces it, listed once', async () => {
    const importing = store
      .getState()
      .importDataset('twice', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }]);
    const read = await readLocalDataset('twice', [{ name: 'b.csv', bytes: csv(['c', 'd'], 6) }]);
    if (!read.ok) throw new Error(read.message);
    store.getState().addStoredDatasets([read.dataset]);
    expect(await importing).toBe(true);
    expect(store.getState().localDatasets.map((d) => [d.id, d.count])).toEqual([
      ['local:twice', 10],
    ]);
  });

  it('refuses a run whose conv layers would pool the dataset’s images away, before it starts', async () => {
    await store.getState().importDataset('tiny', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }], {
      side: 8,
      channels: 1,
    });
    const on = (convFilters: number[]) =>
      store.getState().startLabRuns({
        label: 'deep',
        config: {
          ...DEFAULT_RUN_CONFIG,
          dataset: 'local:tiny',
          batchSize: 4,
          model: { ...DEFAULT_RUN_CONFIG.model, convFilters },
        },
        seeds: 1,
      });
    expect(on([4, 4, 4, 4])).toEqual([]);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Not started: tiny (local) holds 8×8 images, too small for 4 conv layers (each halves the side, so they need 16×16): use fewer conv layers, or import the images at a larger input size.',
    );
    // Three layers pool 8 -> 4 -> 2 -> 1: allowed.
    expect(on([4, 4, 4])).toHaveLength(1);
  });

  it('imports at the size asked for, and lists it so', async () => {
    expect(
      await store
        .getState()
        .importDataset('small', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }], {
          side: 12,
          channels: 1,
        }),
    ).toBe(true);
    expect(store.getState().localDatasets[0]?.shape).toEqual({ side: 12, channels: 1 });
    const [sent] = registered();
    if (sent?.type !== 'registerDataset') throw new Error('not sent');
    expect(decodeMnist(new Uint8Array(sent.data)).rows).toBe(12);
    // Grey images asked for in colour: refused with the reason, nothing added.
    expect(
      await store
        .getState()
        .importDataset('colour', [{ name: 'a.csv', bytes: csv(['a', 'b'], 5) }], {
          side: 12,
          channels: 3,
        }),
    ).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'The dataset was not imported: these images are grey: import them as grey, not colour.',
    );
    expect(store.getState().localDatasets).toHaveLength(1);
  });

  it('reads a dataset stored before colour (format version 1), and leaves out a damaged one with a notice', async () => {
    // Version 1: the 24-byte header without the channel count, 5 images of 2x2 in 2 classes.
    const v1 = new Uint8Array(24 + 5 * 5);
    const words = [0x314d4e42, 1, 5, 2, 2, 2];
    words.forEach((w, i) => new DataView(v1.buffer).setUint32(i * 4, w, true));
    v1.set([0, 1, 0, 1, 0], 24);
    const record = { name: 'old', count: 5, classNames: ['a', 'b'], source: 'CSV' as const };
    await openDb().datasets.bulkPut([
      { ...record, id: 'local:old', bytes: v1 },
      { ...record, id: 'local:broken', name: 'broken', bytes: v1.subarray(0, 30) },
    ]);
    await newStore();
    expect(store.getState().localDatasets.map((d) => [d.id, d.shape])).toEqual([
      ['local:old', { side: 2, channels: 1 }],
    ]);
    expect(registered().map((c) => c.type === 'registerDataset' && c.dataset)).toEqual([
      'local:old',
    ]);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      'The stored dataset “broken” is damaged and was left out: image file is 30 bytes, its header promises 49.',
    ]);
    // Nothing is lost: the damaged record stays stored.
    expect(await openDb().datasets.count()).toBe(2);
  });
});

describe('a run on a dataset this browser does not hold', () => {
  it('is not started: a notice says where the dataset lives and what to do', () => {
    const ids = store.getState().startLabRuns({
      label: 'from a link',
      config: { ...DEFAULT_RUN_CONFIG, dataset: 'local:elsewhere' },
      seeds: 1,
    });
    expect(ids).toEqual([]);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Not started: elsewhere (local) is not in this browser (deleted, or imported in another one): import the same images under that name in “Your datasets” to train on them.',
    );
    expect(client.sent.some((c) => c.type === 'start')).toBe(false);
  });
});

describe('fitSplit', () => {
  const local = (count: number): LocalDataset => ({
    id: 'local:x',
    name: 'x',
    count,
    shape: { side: 28, channels: 1 },
    classNames: ['a', 'b'],
    source: 'CSV',
    preview: [],
  });
  const onX = { ...DEFAULT_RUN_CONFIG, dataset: 'local:x' as const };

  it('takes 80% to train and the rest to test below 10,000 images, the defaults above', () => {
    expect(fitSplit(onX, [local(11)]).data).toMatchObject({ trainSize: 8, testSize: 3 });
    expect(fitSplit(onX, [local(11)]).evalSize).toBe(3);
    expect(fitSplit(onX, [local(60_000)]).data).toEqual(DEFAULT_RUN_CONFIG.data);
  });

  it('leaves runs on a shipped dataset, or on one this browser does not hold, as they are', () => {
    expect(fitSplit(DEFAULT_RUN_CONFIG, [local(11)])).toBe(DEFAULT_RUN_CONFIG);
    expect(fitSplit(onX, [])).toBe(onX);
  });
});
