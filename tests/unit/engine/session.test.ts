import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_STEPS, Session } from '../../../src/engine/train/session';
import { STALL_WINDOW_STEPS } from '../../../src/shared/stall';
import type { TrainerFactory } from '../../../src/engine/train/createTrainer';

import {
  shelf,
  EMPTY_CHECKPOINT,
  fakeFactory,
  fakeHost,
  order,
  run,
  until,
} from './sessionFixtures';

describe('Session', () => {
  it('interleaves runs step by step and reports every point once, then completes them', async () => {
    const { factory, order, disposed } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('a', 1, 4), run('b', 2, 3)]);
    await until(() => !session.busy);
    expect(order.slice(0, 6)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(order).toHaveLength(7);
    expect(h.statuses('a')).toEqual(['queued', 'running', 'completed']);
    expect(h.statuses('b')).toEqual(['queued', 'running', 'completed']);
    expect(h.points('a', 'trainLoss').map(([s]) => s)).toEqual([1, 2, 3, 4]);
    expect(h.points('a', 'trainLoss')[3]?.[1]).toBeCloseTo(0.25, 6);
    expect(h.points('a', 'testAccuracy')).toEqual([
      [2, expect.closeTo(0.26, 6)],
      [4, expect.closeTo(0.26, 6)],
    ]);
    // The last step is always evaluated, even off the cadence.
    expect(h.points('b', 'testAccuracy').map(([s]) => s)).toEqual([2, 3]);
    expect(disposed.sort()).toEqual([1, 2]);
    const lastProgress = h.events.filter((e) => e.type === 'metrics').pop();
    expect(
      lastProgress?.type === 'metrics' && lastProgress.progress.find((p) => p.runId === 'a')?.step,
    ).toBe(4);
  });

  it('a checkpoint that does not fit the network fails its run; on an imported dataset the message says it may have been imported again', async () => {
    const { factory: fake } = fakeFactory({});
    const factory: TrainerFactory = (...args) => ({
      ...fake(...args),
      restore: () =>
        Promise.reject(new Error('checkpoint trainable tensor 0 has shape [5, 5, 1, 8]')),
    });
    const h = fakeHost();
    const local = new Map([...shelf, ['local:cats', shelf.get('mnist')]] as const);
    const session = new Session(local as typeof shelf, h.host, factory);
    const resume = { ...EMPTY_CHECKPOINT, step: 2, elapsedMs: 100 };
    const onCats = run('cats', 1, 4);
    session.start([
      { ...onCats, config: { ...onCats.config, dataset: 'local:cats' }, resume },
      { ...run('digits', 2, 4), resume },
    ]);
    await until(() => !session.busy);
    expect(h.statuses('cats').at(-1)).toBe('failed');
    expect(h.messageOf('cats')).toBe(
      'its checkpoint does not fit the network on cats (local) as it is now (imported again at another size or colour?): checkpoint trainable tensor 0 has shape [5, 5, 1, 8]',
    );
    expect(h.messageOf('digits')).toBe('checkpoint trainable tensor 0 has shape [5, 5, 1, 8]');
  });

  it('keeps its round-robin order when a run finishes and is let go', async () => {
    const { factory, order } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('a', 1, 3), run('b', 2, 1), run('c', 3, 3)]);
    await until(() => !session.busy);
    // b ends after its one step: c comes next, not a again.
    expect(order).toEqual([1, 2, 3, 1, 3, 1, 3]);
    expect(session.held).toBe(0);
  });

  it('sends a checkpoint every CHECKPOINT_EVERY_STEPS steps, and a resumed run goes on from its step', async () => {
    const { factory } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('a', 1, 2 * CHECKPOINT_EVERY_STEPS + 10, 1000)]);
    await until(() => !session.unfinished);
    const saved = h.events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint.step] : []));
    expect(saved).toEqual([CHECKPOINT_EVERY_STEPS, 2 * CHECKPOINT_EVERY_STEPS]);
    // Every point up to a checkpoint's step was sent before it (a page saving both never holds a
    // checkpoint ahead of its points, which would leave a hole when it resumes).
    h.events.forEach((event, i) => {
      if (event.type !== 'checkpoint') return;
      const sent = h.events
        .slice(0, i)
        .flatMap((e) => (e.type === 'metrics' ? e.chunks : []))
        .filter((c) => c.runId === 'a' && c.metric === 'trainLoss')
        .flatMap((c) => Array.from(c.steps));
      expect(Math.max(...sent)).toBe(event.checkpoint.step);
    });

    const later = fakeHost();
    const resumed = new Session(shelf, later.host, factory);
    resumed.start([
      { ...run('b', 1, 45, 1000), resume: { ...EMPTY_CHECKPOINT, step: 40, elapsedMs: 5000 } },
    ]);
    await until(() => !resumed.unfinished);
    expect(later.points('b', 'trainLoss').map(([step]) => step)).toEqual([41, 42, 43, 44, 45]);
    expect(later.statuses('b')).toEqual(['queued', 'running', 'completed']);
    // Its wall time goes on from the checkpoint's 5 s.
    const times = later.events.flatMap((e) =>
      e.type === 'metrics' ? e.chunks.flatMap((c) => Array.from(c.times)) : [],
    );
    expect(Math.min(...times)).toBeGreaterThan(5000);
  });

  it('takes single steps of a paused run, which stays paused, and sends each point at once', async () => {
    const { factory } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('a', 1, 10, 1000)]);
    session.pause('a');
    await until(() => h.statuses('a').includes('paused'));
    session.step('a');
    session.step('a');
    await until(() => h.points('a', 'trainLoss').length === 2);
    expect(h.points('a', 'trainLoss').map(([s]) => s)).toEqual([1, 2]);
    expect(h.statuses('a').at(-1)).toBe('paused');
    expect(session.busy).toBe(false);
    // A running or finished run ignores it; resume goes on from step 3.
    session.resume('a');
    session.step('a');
    await until(() => !session.unfinished);
    expect(h.points('a', 'trainLoss').map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('slows down to the pace it is given, and back to full speed', async () => {
    const { factory } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.setPace(500);
    session.start([run('a', 1, 3, 1000)]);
    await until(() => !session.unfinished);
    // The fake clock runs 10 ms per reading: each step waits out the rest of its 500 ms.
    expect(h.waits).toHaveLength(3);
    expect(h.waits.every((ms) => ms > 400 && ms < 500)).toBe(true);
    // Every step's point is sent on its own while slowed.
    const sent = h.events.filter((e) => e.type === 'metrics' && e.chunks.length > 0);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    session.setPace(0);
    session.setPace(-5);
    session.start([run('b', 2, 3, 1000)]);
    await until(() => !session.unfinished);
    expect(h.waits).toHaveLength(3);
  });

  it('marks a run whose loss is NaN diverged, stops it, and trains the others on', async () => {
    const { factory, disposed } = fakeFactory({ 1: (step) => (step === 3 ? { loss: NaN } : {}) });
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('bad', 1, 10), run('good', 2, 6)]);
    await until(() => !session.busy);
    expect(h.statuses('bad').at(-1)).toBe('diverged');
    expect(h.messageOf('bad')).toBe('loss became NaN at step 3');
    expect(h.points('bad', 'trainLoss').map(([s]) => s)).toEqual([1, 2, 3]);
    expect(h.statuses('good').at(-1)).toBe('completed');
    expect(disposed).toContain(1);
  });

  it('marks a run failed with the error message when a step throws; the others go on', async () => {
    const { factory } = fakeFactory({
      1: (step) => (step === 2 ? new Error('out of memory') : {}),
    });
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('x', 1, 5), run('y', 2, 5)]);
    await until(() => !session.busy);
    expect(h.statuses('x').at(-1)).toBe('failed');
    expect(h.messageOf('x')).toBe('out of memory');
    expect(h.statuses('y').at(-1)).toBe('completed');
  });

  it(`calls a run stalled when ${STALL_WINDOW_STEPS} steps average >= 95% dead ReLUs in a block`, async () => {
    // conv 2 is fully dead from step 6 on but flickers alive on every 10th step (a few live units).
    const dead = (step: number) => (step <= 5 ? 0.25 : step % 10 === 0 ? 0.75 : 1);
    const { factory } = fakeFactory({ 1: (step) => ({ loss: 2.3, dead: [0.25, dead(step)] }) });
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('dead', 1, 100)]);
    await until(() => !session.busy);
    expect(h.statuses('dead').at(-1)).toBe('stalled');
    // Window 6..25: two 0.75s and eighteen 1s, mean 0.975; window 5..24 has a 0.25, mean 0.9375.
    expect(h.messageOf('dead')).toMatch(/^at step 25: the ReLUs of conv 2 \(97%\) output zero/);
    expect(h.points('dead', 'deadConv2').at(-1)).toEqual([25, 1]);
  });

  it('pauses, resumes and stops a run; rejects a duplicate id; lets finished runs go', async () => {
    const { factory, order, disposed } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('p', 1, 1000), run('q', 2, 30)]);
    await until(() => order.length >= 4);
    session.pause('p');
    const held = order.filter((s) => s === 1).length;
    await until(() => !session.busy);
    expect(order.filter((s) => s === 1).length).toBeLessThanOrEqual(held + 1);
    expect(h.statuses('p').at(-1)).toBe('paused');
    expect(h.statuses('q').at(-1)).toBe('completed');
    // The paused run is held (its id taken); the completed one is let go.
    expect(session.held).toBe(1);
    expect(() => session.start([run('p', 3, 5)])).toThrow(/already exists/);

    session.resume('p');
    expect(h.statuses('p').at(-1)).toBe('running');
    await until(() => order.filter((s) => s === 1).length >= held + 5);
    session.stop('p');
    await until(() => !session.busy);
    expect(h.statuses('p').at(-1)).toBe('stopped');
    expect(disposed).toContain(1);
    session.stop('p'); // a second stop changes nothing
    expect(h.statuses('p').filter((s) => s === 'stopped')).toHaveLength(1);
    expect(session.held).toBe(0);
  });

  it('queues nothing when one of the runs is a duplicate or invalid', async () => {
    const { factory } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    expect(() => session.start([run('m', 1, 5), run('m', 2, 5)])).toThrow(/already exists/);
    expect(() => session.start([run('n', 1, 5), run('o', 2, 0)])).toThrow(
      /run o: steps must be at least 1/,
    );
    expect(session.unfinished).toBe(false);
    expect(h.events).toEqual([]);
  });

  it('a run stopped while its last evaluation is read back ends stopped, with no late point', async () => {
    let release: (value: number) => void = () => undefined;
    const { factory } = fakeFactory({});
    const slowEval: TrainerFactory = (config, d, split) => {
      const trainer = factory(config, d, split);
      return {
        get step() {
          return trainer.step;
        },
        trainStep: () => trainer.trainStep(),
        evaluate: () => new Promise<number>((resolve) => (release = resolve)),
        checkpoint: (elapsed) => trainer.checkpoint(elapsed),
        restore: (c) => trainer.restore(c),
        dispose: () => trainer.dispose(),
      };
    };
    const h = fakeHost();
    const session = new Session(shelf, h.host, slowEval);
    session.start([run('s', 1, 2)]);
    await until(() => h.points('s', 'trainLoss').length === 2 || order(h).length > 0);
    await new Promise((r) => setTimeout(r, 20));
    session.stop('s');
    release(0.9);
    await until(() => !session.busy);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.statuses('s')).toEqual(['queued', 'running', 'stopped']);
    expect(h.points('s', 'testAccuracy')).toEqual([]);
  });
});
