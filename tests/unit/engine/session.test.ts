import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../../../src/engine/data/mnistBinary';
import {
  CHECKPOINT_EVERY_STEPS,
  Session,
  type SessionHost,
} from '../../../src/engine/train/session';
import { STALL_WINDOW_STEPS } from '../../../src/shared/stall';
import type { TrainerFactory } from '../../../src/engine/train/createTrainer';
import type { StepResult, StepTrainer } from '../../../src/engine/train/stepTrainer';
import type { MetricId } from '../../../src/shared/metrics';
import type { RunConfig } from '../../../src/shared/runConfig';
import type { SessionEvent } from '../../../src/shared/runStatus';
import { loadMnist, runConfig, useBackend } from '../../helpers/engine';

/** A dataset big enough for the default split; the fake trainers never read it. */
const data: ImageDataset = {
  count: 10_000,
  rows: 28,
  cols: 28,
  classes: 10,
  labels: new Uint8Array(10_000),
  pixels: new Uint8Array(0),
};

/** A checkpoint with no tensors (fake trainers keep only their step). */
const EMPTY_CHECKPOINT: TrainerCheckpoint = {
  version: 1,
  step: 0,
  elapsedMs: 0,
  trainable: [],
  state: [],
  optimizer: [],
  sampler: null,
  noise: [],
};

/** Per-step behaviour of a fake trainer: the result's loss/dead values, or an error to throw. */
type Script = (step: number) => { loss?: number; dead?: number[] } | Error;

/** Fake trainers whose behaviour each run's seed selects; records the order of steps and disposals. */
function fakeFactory(scripts: Record<number, Script>) {
  const order: number[] = [];
  const disposed: number[] = [];
  const factory: TrainerFactory = (config: RunConfig) => {
    let step = 0;
    const script: Script = scripts[config.seed] ?? (() => ({}));
    const trainer: StepTrainer = {
      get step() {
        return step;
      },
      async checkpoint(elapsedMs) {
        return { ...EMPTY_CHECKPOINT, step, elapsedMs };
      },
      async restore(checkpoint) {
        step = checkpoint.step;
      },
      async trainStep(): Promise<StepResult> {
        const outcome = script(step + 1);
        if (outcome instanceof Error) throw outcome;
        step += 1;
        order.push(config.seed);
        return {
          step,
          loss: outcome.loss ?? 1 / step,
          accuracy: 0.5,
          dead: outcome.dead ?? [0, 0],
        };
      },
      evaluate: async () => 0.25 + config.seed / 100,
      dispose: () => disposed.push(config.seed),
    };
    return trainer;
  };
  return { factory, order, disposed };
}

function fakeHost() {
  let time = 0;
  const events: SessionEvent[] = [];
  /** Every slow-motion wait, ms. */
  const waits: number[] = [];
  const host: SessionHost = {
    now: () => (time += 10),
    yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
    wait: (ms) => {
      waits.push(ms);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
    emit: (event) => events.push(event),
  };
  const statuses = (runId: string) =>
    events.flatMap((e) => (e.type === 'status' && e.runId === runId ? [e.status] : []));
  const messageOf = (runId: string) =>
    events
      .flatMap((e) => (e.type === 'status' && e.runId === runId && e.message ? [e.message] : []))
      .pop();
  const points = (runId: string, metric: MetricId) =>
    events.flatMap((e) =>
      e.type === 'metrics'
        ? e.chunks
            .filter((c) => c.runId === runId && c.metric === metric)
            .flatMap((c) => Array.from(c.steps, (s, i) => [s, c.values[i] as number]))
        : [],
    );
  return { host, events, statuses, messageOf, points, waits };
}

/** Status events seen so far (any run). */
const order = (h: ReturnType<typeof fakeHost>) => h.events.filter((e) => e.type === 'status');

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!condition()) throw new Error('condition never held');
}

const run = (id: string, seed: number, steps: number, evalEvery = 2) => ({
  id,
  config: runConfig({ seed, steps, evalEvery }),
});

describe('Session', () => {
  it('interleaves runs step by step and reports every point once, then completes them', async () => {
    const { factory, order, disposed } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(data, h.host, factory);
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

  it('keeps its round-robin order when a run finishes and is let go', async () => {
    const { factory, order } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(data, h.host, factory);
    session.start([run('a', 1, 3), run('b', 2, 1), run('c', 3, 3)]);
    await until(() => !session.busy);
    // b ends after its one step: c comes next, not a again.
    expect(order).toEqual([1, 2, 3, 1, 3, 1, 3]);
    expect(session.held).toBe(0);
  });

  it('sends a checkpoint every CHECKPOINT_EVERY_STEPS steps, and a resumed run goes on from its step', async () => {
    const { factory } = fakeFactory({});
    const h = fakeHost();
    const session = new Session(data, h.host, factory);
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
    const resumed = new Session(data, later.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, factory);
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
    const session = new Session(data, h.host, slowEval);
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

  describe('handing a run to another session', () => {
    it('moves a run at a step boundary: it ends exactly where it would have, no status repeated', async () => {
      // As the stall test above: conv 2 dies from step 6, so the run stalls at step 25.
      const dead = (step: number) => (step <= 5 ? 0.25 : step % 10 === 0 ? 0.75 : 1);
      const { factory } = fakeFactory({ 1: (step) => ({ loss: 2.3, dead: [0.25, dead(step)] }) });
      const h = fakeHost();
      const session = new Session(data, h.host, factory);
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
      const next = new Session(data, there.host, factory);
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
      const session = new Session(data, h.host, gated);
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
      const alone = new Session(digits, stayed.host);
      alone.start([{ id: 'r', config }]);
      await until(() => !alone.unfinished);

      const before = fakeHost();
      const first = new Session(digits, before.host);
      first.start([{ id: 'r', config }]);
      await until(() => before.points('r', 'trainLoss').length >= 5);
      const handed = await first.handOff('r');
      if (!handed) throw new Error('not handed over');
      expect(handed.resume?.step).toBeLessThan(12);
      const after = fakeHost();
      const second = new Session(digits, after.host);
      second.start([handed]);
      await until(() => !second.unfinished);

      expect(after.statuses('r')).toEqual(['completed']);
      expect(Object.keys(series(stayed)).length).toBeGreaterThan(3);
      expect(series(before, after)).toEqual(series(stayed));
    });
  });
});
