import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/train/session';
import { STALL_WINDOW_STEPS } from '../../../src/shared/stall';
import type { TrainerFactory } from '../../../src/engine/train/createTrainer';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';
import { shelf, fakeFactory, fakeHost, run, until } from './sessionFixtures';

describe('handing a run to another session', () => {
  it('moves a run at a step boundary: it ends exactly where it would have, no status repeated', async () => {
    // As the stall test in session.test.ts: conv 2 dies from step 6, so the run stalls at step 25.
    const dead = (step: number) => (step <= 5 ? 0.25 : step % 10 === 0 ? 0.75 : 1);
    const { factory } = fakeFactory({ 1: (step) => ({ loss: 2.3, dead: [0.25, dead(step)] }) });
    const h = fakeHost();
    const session = new Session(shelf, h.host, factory);
    session.start([run('m', 1, 100), run('other', 2, 100)]);
    await until(() => h.points('m', 'trainLoss').length >= 15);
    const handed = await session.handOff('m');
    expect(handed?.resume?.step).toBeGreaterThanOrEqual(15);
    expect(handed?.resume?.step).toBeLessThan(25);
    // The window of dead fractions goes with it, so the stall is found at the same step.
    expect(handed?.moved?.deadWindow).toHaveLength(
      Math.min(handed?.resume?.step ?? 0, STALL_WINDOW_STEPS),
    );
    expect(session.held).toBe(1);
    const there = fakeHost();
    const next = new Session(shelf, there.host, factory);
    if (!handed) throw new Error('not handed over');
    next.start([handed]);
    await until(() => !next.unfinished);
    expect(h.statuses('m')).toEqual(['queued', 'running']);
    expect(there.statuses('m')).toEqual(['stalled']);
    expect(there.messageOf('m')).toMatch(/^at step 25: the ReLUs of conv 2 \(97%\)/);
    // Every step once: the first session sent the points up to the hand-off, the second the rest.
    const steps = [...h.points('m', 'trainLoss'), ...there.points('m', 'trainLoss')].map(
      ([s]) => s,
    );
    expect(steps).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    session.stop('other');
  });

  it('waits for the step under way; a paused, ended or unknown run is not handed over', async () => {
    let open: () => void = () => undefined;
    const { factory } = fakeFactory({});
    const gated: TrainerFactory = (config, d, split) => {
      const trainer = factory(config, d, split);
      return {
        get step() {
          return trainer.step;
        },
        trainStep: async () => {
          await new Promise<void>((resolve) => (open = resolve));
          return trainer.trainStep();
        },
        evaluate: () => trainer.evaluate(),
        checkpoint: (elapsed) => trainer.checkpoint(elapsed),
        restore: (c) => trainer.restore(c),
        dispose: () => trainer.dispose(),
      };
    };
    const h = fakeHost();
    const session = new Session(shelf, h.host, gated);
    session.start([run('g', 1, 10, 1000), run('p', 2, 10, 1000)]);
    await new Promise((r) => setTimeout(r, 5));
    // g's first step is under way: the hand-off waits for it, and p is not stepped meanwhile.
    const handing = session.handOff('g');
    open();
    const handed = await handing;
    expect(handed?.resume?.step).toBe(1);
    expect(h.points('g', 'trainLoss').map(([s]) => s)).toEqual([1]);
    session.pause('p');
    await new Promise((r) => setTimeout(r, 5));
    open();
    await until(() => h.statuses('p').includes('paused'));
    expect(await session.handOff('p')).toBeNull();
    expect(await session.handOff('g')).toBeNull();
    expect(await session.handOff('nobody')).toBeNull();
    expect(session.held).toBe(1);
  });

  it('a real network handed over mid-run trains every series as the run that stayed', async () => {
    await useBackend('cpu');
    const digits = loadMnist();
    const config = runConfig({
      seed: 3,
      steps: 12,
      batchSize: 4,
      evalSize: 50,
      evalEvery: 3,
      model: { normalization: 'batchnorm' },
    });
    /** Every metric's (step, value) points a host saw, timings left out (they differ run to run). */
    const series = (...hosts: ReturnType<typeof fakeHost>[]) => {
      const out: Record<string, [number, number][]> = {};
      for (const h of hosts) {
        for (const e of h.events) {
          if (e.type !== 'metrics') continue;
          for (const c of e.chunks) {
            if (c.metric.startsWith('cost')) continue;
            (out[c.metric] ??= []).push(
              ...Array.from(c.steps, (step, i): [number, number] => [step, c.values[i] ?? NaN]),
            );
          }
        }
      }
      return out;
    };
    const stayed = fakeHost();
    const alone = new Session(new Map([['mnist', digits]]), stayed.host);
    alone.start([{ id: 'r', config }]);
    await until(() => !alone.unfinished);

    const before = fakeHost();
    const first = new Session(new Map([['mnist', digits]]), before.host);
    first.start([{ id: 'r', config }]);
    await until(() => before.points('r', 'trainLoss').length >= 5);
    const handed = await first.handOff('r');
    if (!handed) throw new Error('not handed over');
    expect(handed.resume?.step).toBeLessThan(12);
    const after = fakeHost();
    const second = new Session(new Map([['mnist', digits]]), after.host);
    second.start([handed]);
    await until(() => !second.unfinished);

    expect(after.statuses('r')).toEqual(['completed']);
    expect(Object.keys(series(stayed)).length).toBeGreaterThan(3);
    expect(series(before, after)).toEqual(series(stayed));
  });
});
