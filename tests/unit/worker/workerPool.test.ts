import { describe, expect, it, vi } from 'vitest';
import { MAX_WORKERS, poolSize } from '../../../src/page/workers/poolSize';
import { PING_EVERY_MS, SILENT_LIMIT_MS } from '../../../src/page/workers/poolLiveness';
import { MAX_FAILED_STARTS } from '../../../src/page/workers/workerPool';

import { INIT, setUp, type FakeWorker } from './poolFixtures';

describe('poolSize', () => {
  it('leaves the page a core on auto, keeps at least one worker and at most MAX_WORKERS', () => {
    expect(poolSize('auto', 8)).toBe(7);
    expect(poolSize('auto', 2)).toBe(1);
    expect(poolSize('auto', 1)).toBe(1);
    expect(poolSize('auto', 64)).toBe(MAX_WORKERS);
    expect(poolSize(3, 2)).toBe(3);
    expect(poolSize(0, 8)).toBe(1);
    expect(poolSize(Number.NaN, 8)).toBe(1);
  });
});

describe('WorkerPool', () => {
  it('fetches the digits once, the first worker probes, the others join with its backend and the same shared bytes', async () => {
    const { workers, events, fetched, boot, last } = setUp({ cores: 4 });
    await boot();
    expect(fetched).toEqual(['x/mnist.bin']);
    expect(workers).toHaveLength(3);
    const [lead, ...others] = workers as [FakeWorker, ...FakeWorker[]];
    const init = lead.sent[0];
    expect(init?.type).toBe('init');
    if (init?.type !== 'init') return;
    expect(init.remembered).toBe('wasm');
    expect(init.data).toBeInstanceOf(SharedArrayBuffer);
    for (const w of others) {
      const join = w.sent[0];
      expect(join).toMatchObject({ type: 'join', backend: 'wasm' });
      if (join?.type === 'join') expect(join.data).toBe(init.data);
    }
    expect(Array.from(new Uint8Array(init.data))).toEqual([1, 2, 3, 4]);
    // Only the lead's start-up reaches the page: one backend, one dataset, its phases.
    expect(events.filter((e) => e.type === 'backend')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'dataset')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'ready')).toHaveLength(1);
    expect(last('workers')).toEqual({
      type: 'workers',
      count: 3,
      choice: 'auto',
      cores: 4,
      auto: 3,
      shared: true,
    });
  });

  it('sends each worker its own transferred copy where bytes cannot be shared', async () => {
    const { workers, boot, last } = setUp({ cores: 3, canShare: false });
    await boot();
    const buffers = workers.map((w) => {
      const first = w.sent[0];
      return first?.type === 'init' || first?.type === 'join' ? first.data : null;
    });
    expect(buffers[0]).toBeInstanceOf(ArrayBuffer);
    expect(buffers[0]).not.toBe(buffers[1]);
    expect(workers.map((w) => w.transfers[0])).toEqual(buffers.map((b) => [b]));
    expect(last('workers')?.shared).toBe(false);
  });

  it('a failed fetch is fatal and starts no worker', async () => {
    const { workers, pool, last } = setUp({ fail: true });
    pool.send(INIT);
    await Promise.resolve();
    await Promise.resolve();
    expect(workers).toHaveLength(0);
    expect(last('fatal')?.message).toMatch(/HTTP 404/);
  });

  it('puts each new run on the least loaded worker and sends a run’s commands to its worker', async () => {
    const { pool, workers, boot, runs, placement } = setUp({ cores: 4 });
    await boot();
    pool.send({ type: 'start', runs: runs('a', 'b', 'c', 'd', 'e') });
    expect(placement()).toEqual({ a: 0, b: 1, c: 2, d: 0, e: 1 });
    expect(pool.loads).toEqual([2, 2, 1]);
    pool.send({ type: 'pause', runId: 'e' });
    pool.send({ type: 'step', runId: 'c' });
    expect(workers[1]?.sent.at(-1)).toEqual({ type: 'pause', runId: 'e' });
    expect(workers[2]?.sent.at(-1)).toEqual({ type: 'step', runId: 'c' });
    // A finished run frees its place: the next run goes where there is room.
    workers[0]?.say({ type: 'status', runId: 'a', status: 'completed' });
    expect(pool.loads).toEqual([1, 2, 1]);
    pool.send({ type: 'start', runs: runs('f') });
    expect(placement()['f']).toBe(0);
    expect(pool.loads).toEqual([2, 2, 1]);
  });

  it('holds runs started before the first worker is ready, and slow motion reaches every worker', async () => {
    const { pool, workers, runs, placement } = setUp({ cores: 3 });
    pool.send({ type: 'workers', choice: 'auto' });
    pool.send({ type: 'pace', msPerStep: 200 });
    pool.send(INIT);
    pool.send({ type: 'start', runs: runs('a', 'b') });
    await Promise.resolve();
    await Promise.resolve();
    expect(placement()).toEqual({});
    workers[0]?.say({
      type: 'backend',
      backend: 'cpu',
      via: 'probe',
      probe: [],
      probeMs: 1,
      wasmThreads: false,
    });
    workers[0]?.say({ type: 'phase', phase: 'ready' });
    expect(placement()).toEqual({ a: 0, b: 1 });
    expect(workers.every((w) => w.sent.some((c) => c.type === 'pace' && c.msPerStep === 200))).toBe(
      true,
    );
  });

  it('a crashed worker gives up its own runs with the reason; the others go on and a new worker takes its place', async () => {
    const { pool, workers, events, boot, runs, placement, last } = setUp({ cores: 3 });
    await boot();
    pool.send({ type: 'start', runs: runs('a', 'b', 'c') });
    expect(placement()).toEqual({ a: 0, b: 1, c: 0 });
    workers[1]?.crash('out of memory');
    expect(events.filter((e) => e.type === 'workerLost')).toEqual([
      {
        type: 'workerLost',
        runIds: ['b'],
        message: 'the training worker crashed: out of memory',
        replaced: true,
      },
    ]);
    expect(workers[1]?.terminated).toBe(true);
    expect(workers).toHaveLength(3);
    expect(workers[2]?.sent[0]).toMatchObject({ type: 'join', backend: 'wasm' });
    expect(last('workers')?.count).toBe(2);
    // Its last words are ignored; the lead's run goes on; the next run goes to the new worker.
    workers[1]?.say({ type: 'status', runId: 'b', status: 'completed' });
    expect(events.filter((e) => e.type === 'status' && e.runId === 'b')).toHaveLength(0);
    pool.send({ type: 'start', runs: runs('d') });
    expect(placement()['d']).toBe(2);
    expect(events.some((e) => e.type === 'fatal')).toBe(false);
  });

  it('pings its workers; one silent for SILENT_LIMIT_MS (closed, hung) is lost like a crashed one', async () => {
    vi.useFakeTimers();
    const { pool, workers, events, boot, runs, placement, clock } = setUp({ cores: 3 });
    await boot();
    pool.send({ type: 'start', runs: runs('a', 'b') });
    expect(placement()).toEqual({ a: 0, b: 1 });
    const pings = (i: number) => workers[i]?.sent.filter((c) => c.type === 'ping').length ?? 0;
    // Worker 0 answers every ping; worker 1 has closed itself and says nothing more.
    const tick = (ms: number) => {
      clock.ms += ms;
      vi.advanceTimersByTime(ms);
    };
    for (let t = PING_EVERY_MS; t <= SILENT_LIMIT_MS; t += PING_EVERY_MS) {
      tick(PING_EVERY_MS);
      workers[0]?.say({ type: 'alive' });
    }
    expect(pings(0)).toBe(SILENT_LIMIT_MS / PING_EVERY_MS);
    expect(pings(1)).toBe(pings(0));
    expect(events.some((e) => e.type === 'workerLost')).toBe(false);
    // SILENT_LIMIT_MS after its first unanswered ping it is lost.
    tick(PING_EVERY_MS);
    expect(events.filter((e) => e.type === 'workerLost')).toEqual([
      {
        type: 'workerLost',
        runIds: ['b'],
        message: 'the training worker stopped answering (nothing from it for 60 s)',
        replaced: true,
      },
    ]);
    expect(workers[1]?.terminated).toBe(true);
    expect(workers[0]?.terminated).toBe(false);
    // A new worker takes its place and is judged from when it started.
    expect(workers).toHaveLength(3);
    workers[2]?.say({ type: 'phase', phase: 'ready' });
    tick(PING_EVERY_MS);
    expect(pings(2)).toBe(1);
    expect(events.filter((e) => e.type === 'workerLost')).toHaveLength(1);
    // Timers slowed to one a minute (a hidden tab): an answered ping long ago is no silence.
    workers[0]?.say({ type: 'alive' });
    workers[2]?.say({ type: 'alive' });
    tick(2 * SILENT_LIMIT_MS);
    expect(events.filter((e) => e.type === 'workerLost')).toHaveLength(1);
    expect(events.some((e) => e.type === 'fatal')).toBe(false);
  });

  it('stops replacing workers that crash while starting, and says so when none is left', async () => {
    const { workers, events, boot, last } = setUp({ cores: 2 });
    await boot({ type: 'workers', choice: 1 });
    workers[0]?.crash('boom');
    for (let i = 1; i < MAX_FAILED_STARTS + 1; i++) workers[i]?.crash('boom again');
    expect(workers).toHaveLength(MAX_FAILED_STARTS + 1);
    // Each loss says whether a worker replaces it: the last one, after which the pool gives up, not.
    const lost = events.filter((e) => e.type === 'workerLost');
    expect(lost.map((e) => e.type === 'workerLost' && e.replaced)).toEqual([
      ...Array<boolean>(MAX_FAILED_STARTS).fill(true),
      false,
    ]);
    expect(last('fatal')?.message).toMatch(
      /crashed while starting: the training worker crashed: boom again/,
    );
  });

  it('a lead that cannot start before any backend is chosen is fatal for the page', async () => {
    const { pool, workers, events } = setUp();
    pool.send(INIT);
    await Promise.resolve();
    await Promise.resolve();
    workers[0]?.say({
      type: 'fatal',
      message: 'not a BatchNorm Lab image file (bad magic number)',
    });
    expect(events.at(-1)).toEqual({
      type: 'fatal',
      message: 'not a BatchNorm Lab image file (bad magic number)',
    });
    expect(workers[0]?.terminated).toBe(true);
  });

  it('switches backend only with no unfinished run; runs started meanwhile wait; the others adopt the new backend', async () => {
    const { pool, workers, boot, runs, placement, last } = setUp({ cores: 3 });
    await boot();
    pool.send({ type: 'start', runs: runs('a') });
    pool.send({ type: 'setBackend', choice: 'cpu' });
    expect(last('rejected')?.message).toMatch(/stop the unfinished runs/);
    workers[0]?.say({ type: 'status', runId: 'a', status: 'stopped' });
    pool.send({ type: 'setBackend', choice: 'cpu' });
    expect(workers[0]?.sent.at(-1)).toEqual({ type: 'setBackend', choice: 'cpu' });
    expect(workers[1]?.sent.some((c) => c.type === 'setBackend')).toBe(false);
    pool.send({ type: 'setBackend', choice: 'webgl' });
    expect(last('rejected')?.message).toMatch(/already under way/);
    pool.send({ type: 'start', runs: runs('b', 'c') });
    expect(placement()['b']).toBeUndefined();
    workers[0]?.say({
      type: 'backend',
      backend: 'cpu',
      via: 'user',
      probe: [],
      probeMs: 1,
      wasmThreads: false,
    });
    expect(workers[1]?.sent.at(-1)).toEqual({ type: 'adopt', backend: 'cpu' });
    workers[0]?.say({ type: 'phase', phase: 'ready' });
    expect(placement()).toMatchObject({ b: 0, c: 1 });
  });

  it('grows and shrinks: idle workers end at once, busy ones once their runs end', async () => {
    const { pool, workers, boot, runs, last } = setUp({ cores: 8 });
    await boot({ type: 'workers', choice: 3 });
    expect(workers).toHaveLength(3);
    pool.send({ type: 'start', runs: runs('a', 'b', 'c') });
    pool.send({ type: 'workers', choice: 1 });
    expect(last('workers')?.count).toBe(1);
    expect(workers.map((w) => w.terminated)).toEqual([false, false, false]);
    pool.send({ type: 'start', runs: runs('d') });
    expect(pool.loads).toEqual([2, 1, 1]);
    workers[2]?.say({ type: 'status', runId: 'c', status: 'completed' });
    expect(workers[2]?.terminated).toBe(true);
    pool.send({ type: 'workers', choice: 2 });
    // The retiring worker is taken back rather than a new one started.
    expect(workers).toHaveLength(3);
    expect(last('workers')?.count).toBe(2);
    pool.send({ type: 'workers', choice: 4 });
    expect(workers).toHaveLength(5);
    expect(workers[4]?.sent[0]).toMatchObject({ type: 'join', backend: 'wasm' });
  });
});
