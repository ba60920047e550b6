/** Fake trainers and a fake host for the Session tests: scripted steps, recorded events. */
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import type { DatasetShelf } from '../../../src/engine/data/datasetShelf';
import type { ImageDataset } from '../../../src/shared/imageBinary';
import { type SessionHost } from '../../../src/engine/train/session';
import type { TrainerFactory } from '../../../src/engine/train/createTrainer';
import type { StepResult, StepTrainer } from '../../../src/engine/train/stepTrainer';
import type { MetricId } from '../../../src/shared/metrics';
import type { RunConfig } from '../../../src/shared/runConfig';
import type { SessionEvent } from '../../../src/shared/runStatus';
import { runConfig } from '../../helpers/engine';

/** A dataset big enough for the default split; the fake trainers never read it. */
const data: ImageDataset = {
  count: 10_000,
  rows: 28,
  cols: 28,
  channels: 1,
  classes: 10,
  labels: new Uint8Array(10_000),
  pixels: new Uint8Array(0),
};

/** The fake dataset as every session's default image set. */
export const shelf: DatasetShelf = new Map([['mnist', data]]);

/** A checkpoint with no tensors (fake trainers keep only their step). */
export const EMPTY_CHECKPOINT: TrainerCheckpoint = {
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
export function fakeFactory(scripts: Record<number, Script>) {
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

export function fakeHost() {
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
export const order = (h: ReturnType<typeof fakeHost>) =>
  h.events.filter((e) => e.type === 'status');

export async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!condition()) throw new Error('condition never held');
}

export const run = (id: string, seed: number, steps: number, evalEvery = 2) => ({
  id,
  config: runConfig({ seed, steps, evalEvery }),
});
