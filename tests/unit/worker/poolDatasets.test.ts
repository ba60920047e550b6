import { describe, expect, it } from 'vitest';
import type { WorkerCommand } from '../../../src/shared/workerProtocol';
import { runConfig } from '../../helpers/engine';

import { setUp, type FakeWorker } from './poolFixtures';

/** A run on Fashion-MNIST. */
const fashion = (id: string) => ({ id, config: runConfig({ dataset: 'fashion-mnist' }) });
/** What a worker was sent, as types (addDataset with its dataset). */
const kinds = (w: FakeWorker | undefined) =>
  (w?.sent ?? []).map((c: WorkerCommand) =>
    c.type === 'addDataset' ? `addDataset:${c.dataset}` : c.type,
  );
/** Lets the pool's fetch promises settle. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('the pool and datasets', () => {
  it('fetches only the default dataset at start; another on the first run that needs it, once', async () => {
    const { pool, workers, fetched, boot } = setUp({ cores: 2 });
    await boot();
    expect(fetched).toEqual(['x/mnist.bin']);
    pool.send({ type: 'start', runs: [fashion('a')] });
    await settle();
    pool.send({ type: 'start', runs: [fashion('b')] });
    await settle();
    expect(fetched).toEqual(['x/mnist.bin', 'x/fashion.bin']);
    // The images go to the worker before its first run on them, and only once.
    expect(kinds(workers[0])).toEqual(['init', 'addDataset:fashion-mnist', 'start', 'start']);
    const add = workers[0]?.sent[1];
    if (add?.type !== 'addDataset') throw new Error('no addDataset');
    expect(Array.from(new Uint8Array(add.data))).toEqual([9, 8, 7]);
  });

  it('runs on MNIST start at once, without any other fetch', async () => {
    const { pool, workers, fetched, boot, runs } = setUp({ cores: 2 });
    await boot();
    pool.send({ type: 'start', runs: runs('a') });
    expect(kinds(workers[0])).toEqual(['init', 'start']);
    expect(fetched).toEqual(['x/mnist.bin']);
  });

  it('sends each worker the dataset of the runs it is given, and a worker a run moves to', async () => {
    const { pool, workers, boot } = setUp({ cores: 8 });
    await boot({ type: 'workers', choice: 2 });
    pool.send({ type: 'start', runs: [fashion('a'), fashion('b'), fashion('c')] });
    await settle();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    expect(kinds(first)).toEqual(['init', 'addDataset:fashion-mnist', 'start']);
    expect(kinds(second)).toEqual(['join', 'addDataset:fashion-mnist', 'start']);
    // A third worker joins (bigger pool); a run moves to it and its images go first.
    pool.send({ type: 'workers', choice: 3 });
    const third = workers[2] as FakeWorker;
    third.say({ type: 'phase', phase: 'ready' });
    const handOff = first.sent.at(-1);
    expect(handOff).toEqual({ type: 'handOff', runId: 'c' });
    first.say({
      type: 'handedOff',
      runId: 'c',
      run: { ...fashion('c'), moved: { deadWindow: [] } },
    });
    expect(kinds(third)).toEqual(['join', 'addDataset:fashion-mnist', 'start']);
  });

  it('a dataset that cannot be fetched fails its runs with the reason; the others start, and a later run tries again', async () => {
    const { pool, workers, events, fetched, boot, runs } = setUp({ cores: 2, failFashion: true });
    await boot();
    pool.send({ type: 'start', runs: [fashion('f'), ...runs('m')] });
    await settle();
    expect(events.filter((e) => e.type === 'status')).toEqual([
      {
        type: 'status',
        runId: 'f',
        status: 'failed',
        message: 'could not load the Fashion-MNIST images from x/fashion.bin (HTTP 404)',
      },
    ]);
    const starts = (workers[0]?.sent ?? []).filter((c) => c.type === 'start');
    expect(starts).toEqual([{ type: 'start', runs: runs('m') }]);
    expect(pool.loads).toEqual([1]);
    pool.send({ type: 'start', runs: [fashion('g')] });
    await settle();
    expect(fetched.filter((url) => url === 'x/fashion.bin')).toHaveLength(2);
  });

  it('a dataset imported in the page is sent to the worker before its first run; re-imported, again', async () => {
    const { pool, workers, fetched, boot } = setUp({ cores: 2 });
    await boot();
    const bytes = new Uint8Array([5, 5, 5]).buffer;
    pool.send({ type: 'registerDataset', dataset: 'local:shapes', data: bytes });
    const onShapes = (id: string) => ({ id, config: runConfig({ dataset: 'local:shapes' }) });
    pool.send({ type: 'start', runs: [onShapes('a')] });
    pool.send({ type: 'start', runs: [onShapes('b')] });
    expect(kinds(workers[0])).toEqual(['init', 'addDataset:local:shapes', 'start', 'start']);
    expect(fetched).toEqual(['x/mnist.bin']);
    pool.send({ type: 'registerDataset', dataset: 'local:shapes', data: bytes });
    pool.send({ type: 'start', runs: [onShapes('c')] });
    expect(kinds(workers[0]).slice(-2)).toEqual(['addDataset:local:shapes', 'start']);
  });

  it('a deleted dataset is forgotten by the pool and by the workers that hold it, only them', async () => {
    const { pool, workers, events, boot } = setUp({ cores: 2 });
    await boot();
    pool.send({ type: 'registerDataset', dataset: 'local:shapes', data: new ArrayBuffer(3) });
    pool.send({
      type: 'start',
      runs: [{ id: 'a', config: runConfig({ dataset: 'local:shapes' }) }],
    });
    pool.send({ type: 'forgetDataset', dataset: 'local:shapes' });
    const holders = workers.filter((w) => kinds(w).includes('addDataset:local:shapes'));
    expect(holders).toHaveLength(1);
    for (const w of workers) {
      expect(kinds(w).includes('forgetDataset')).toBe(holders.includes(w));
    }
    // The pool no longer has its bytes: a run on it fails as on a dataset never imported.
    pool.send({
      type: 'start',
      runs: [{ id: 'b', config: runConfig({ dataset: 'local:shapes' }) }],
    });
    await settle();
    expect(events.filter((e) => e.type === 'status' && e.runId === 'b')).toEqual([
      {
        type: 'status',
        runId: 'b',
        status: 'failed',
        message:
          'shapes (local) is not stored in this browser (import it in the lab’s “Your datasets”)',
      },
    ]);
  });

  it('a run on a local dataset this browser does not hold fails, saying so', async () => {
    const { pool, events, boot } = setUp({ cores: 2 });
    await boot();
    pool.send({ type: 'start', runs: [{ id: 'x', config: runConfig({ dataset: 'local:gone' }) }] });
    await settle();
    expect(events.filter((e) => e.type === 'status')).toEqual([
      {
        type: 'status',
        runId: 'x',
        status: 'failed',
        message:
          'gone (local) is not stored in this browser (import it in the lab’s “Your datasets”)',
      },
    ]);
  });
});
