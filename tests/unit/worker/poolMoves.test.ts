import { describe, expect, it } from 'vitest';
import { runConfig } from '../../helpers/engine';

import { setUp, type FakeWorker } from './poolFixtures';

describe('moving runs between workers', () => {
  /** Two workers with runs a, c, e on the first and b, d on the second (started in that order). */
  async function twoBusy() {
    const setup = setUp({ cores: 8 });
    await setup.boot({ type: 'workers', choice: 2 });
    setup.pool.send({ type: 'start', runs: setup.runs('a', 'b', 'c', 'd', 'e') });
    expect(setup.pool.loads).toEqual([3, 2]);
    return setup;
  }
  const handOffs = (w: FakeWorker | undefined) =>
    (w?.sent ?? []).flatMap((c) => (c.type === 'handOff' ? [c.runId] : []));
  const moved = (id: string) => ({ id, config: runConfig(), moved: { deadWindow: [[0.5, 0]] } });

  it('moves a running run to a worker two runs idler, which goes on from its hand-off', async () => {
    const { pool, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    // 3 against 1: the first worker hands over its newest run; the second counts it at once.
    expect(handOffs(first)).toEqual(['e']);
    expect(pool.loads).toEqual([2, 2]);
    expect(pool.moves).toBe(1);
    first.say({ type: 'handedOff', runId: 'e', run: moved('e') });
    expect(second.sent.at(-1)).toEqual({ type: 'start', runs: [moved('e')] });
    expect(pool.moves).toBe(0);
    // Its commands now go to the second worker.
    pool.send({ type: 'pause', runId: 'e' });
    expect(second.sent.at(-1)).toEqual({ type: 'pause', runId: 'e' });
  });

  it('holds commands about a run on its way and sends them after it lands', async () => {
    const { pool, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'stopped' });
    pool.send({ type: 'pause', runId: 'e' });
    pool.send({ type: 'step', runId: 'e' });
    expect(first.sent.at(-1)).toEqual({ type: 'handOff', runId: 'e' });
    first.say({ type: 'handedOff', runId: 'e', run: moved('e') });
    expect(second.sent.slice(-3)).toEqual([
      { type: 'start', runs: [moved('e')] },
      { type: 'pause', runId: 'e' },
      { type: 'step', runId: 'e' },
    ]);
  });

  it('a run that could not go (paused meanwhile) stays, with its held commands', async () => {
    const { pool, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    pool.send({ type: 'resume', runId: 'e' });
    first.say({ type: 'status', runId: 'e', status: 'paused' });
    first.say({ type: 'handedOff', runId: 'e', run: null });
    expect(pool.loads).toEqual([3, 1]);
    expect(first.sent.at(-1)).toEqual({ type: 'resume', runId: 'e' });
    expect(second.sent.some((c) => c.type === 'start' && c.runs[0]?.id === 'e')).toBe(false);
  });

  it('moves neither paused runs nor runs within one of even', async () => {
    const { pool, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    // Paused runs take no time: 1 running against 1.
    first.say({ type: 'status', runId: 'a', status: 'paused' });
    first.say({ type: 'status', runId: 'c', status: 'paused' });
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    expect(handOffs(first)).toEqual([]);
    // Resumed: 3 running against 1, and the run that moves is a running one.
    first.say({ type: 'status', runId: 'c', status: 'running' });
    first.say({ type: 'status', runId: 'a', status: 'running' });
    expect(handOffs(first)).toEqual(['e']);
    expect(pool.loads).toEqual([2, 2]);
  });

  it('a run that ends on its way is let go; a late answer changes nothing', async () => {
    const { pool, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    first.say({ type: 'status', runId: 'e', status: 'completed' });
    expect(pool.moves).toBe(0);
    expect(pool.loads).toEqual([2, 1]);
    first.say({ type: 'handedOff', runId: 'e', run: null });
    expect(pool.loads).toEqual([2, 1]);
  });

  it('the worker handing over crashes: the run is lost with its runs', async () => {
    const { events, workers, pool } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    first.crash('out of memory');
    const lost = events.find((e) => e.type === 'workerLost');
    expect(lost?.type === 'workerLost' && [...lost.runIds].sort()).toEqual(['a', 'c', 'e']);
    expect(pool.moves).toBe(0);
    expect(pool.loads.slice(0, 1)).toEqual([1]);
  });

  it('the worker taking over crashes: the run lands on the next least loaded worker', async () => {
    const { events, workers } = await twoBusy();
    const [first, second] = workers as [FakeWorker, FakeWorker];
    second.say({ type: 'status', runId: 'b', status: 'completed' });
    second.crash('out of memory');
    const lost = events.find((e) => e.type === 'workerLost');
    expect(lost?.type === 'workerLost' && lost.runIds).toEqual(['d']);
    const replacement = workers[2] as FakeWorker;
    first.say({ type: 'handedOff', runId: 'e', run: moved('e') });
    expect(replacement.sent.at(-1)).toEqual({ type: 'start', runs: [moved('e')] });
  });
});
