/**
 * A queue of runs trained on one backend. Steps are interleaved round-robin so compared runs grow
 * together; new points are flushed in batches. Knows nothing of threads or messages: the host
 * supplies a clock, a way to yield to pending commands, and an `emit` function.
 */
import { checkRunConfig, type RunConfig } from '../../shared/runConfig';
import { FINAL_STATUSES, type RunStatus, type SessionEvent } from '../../shared/runStatus';
import { datasetFor, type DatasetShelf } from '../data/datasetShelf';
import { datasetLabel, isShipped } from '../../shared/datasets';
import type { ImageDataset } from '../../shared/imageBinary';
import { splitIndices, type DataSplit } from '../data/split';
import type { MovedState, TrainerCheckpoint } from '../../shared/checkpoint';
import { SeriesBuffer } from './seriesBuffer';
import { Throughput } from './throughput';
import { createTrainer, type TrainerFactory } from './createTrainer';
import type { StepTrainer } from './stepTrainer';
import { recordStep, stallMessage } from './stepRecord';
import { errorMessage } from '../../shared/errorMessage';

/** Send buffered points at most this often, milliseconds. */
const FLUSH_INTERVAL_MS = 100;

/** A checkpoint every this many steps (a few tens of kB each for the default CNN). */
export const CHECKPOINT_EVERY_STEPS = 50;

export interface SessionHost {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolve after pending commands have had a chance to run. */
  yieldToEvents(): Promise<void>;
  /** Resolve after `ms` milliseconds (slow motion). */
  wait(ms: number): Promise<void>;
  emit(event: SessionEvent): void;
}

interface Slot {
  id: string;
  config: RunConfig;
  status: RunStatus;
  trainer: StepTrainer | null;
  buffer: SeriesBuffer;
  throughput: Throughput;
  /** Host time when training started, ms (for the wall-time axis). */
  startedAt: number;
  /** Dead-channel fraction of each block over the last STALL_WINDOW_STEPS steps, oldest first. */
  deadWindow: number[][];
  /** Steps finished. */
  step: number;
  /** State to continue from when its trainer is built (a resumed run), else null. */
  resume: TrainerCheckpoint | null;
  /** Step of the last checkpoint sent. */
  checkpointStep: number;
  /** Single steps asked for while paused, not yet taken. */
  singleSteps: number;
  /** Being handed to another worker: not stepped meanwhile. */
  leaving: boolean;
  /** Called once its step under way ends (a hand-off waiting for the step boundary). */
  stepEnded: (() => void) | null;
}

/** Whether a run may be handed to another session: it has steps to do and is not paused. */
const movable = (slot: Slot) => slot.status === 'running' || slot.status === 'queued';

/** Slowest pace a session accepts, ms per step (one step a minute is slow enough for any class). */
const MAX_PACE_MS = 60_000;

/**
 * A run to start: new, or resumed from a checkpoint of the same config; `moved` when another
 * session handed it over (it is running already: no status is announced for it).
 */
export interface RunStart {
  id: string;
  config: RunConfig;
  resume?: TrainerCheckpoint;
  moved?: MovedState;
}

export class Session {
  private readonly slots = new Map<string, Slot>();
  private readonly splits = new Map<string, DataSplit>();
  /** Id of the run that trained last (round-robin resumes after it). */
  private lastServed: string | null = null;
  private looping = false;
  private lastFlush = 0;
  /** Least time between two steps, ms (0 = full speed). */
  private paceMs = 0;
  /** The run whose step is under way, if any. */
  private stepping: Slot | null = null;

  constructor(
    /** The worker's image sets; it may add to them while the session runs. */
    private readonly datasets: DatasetShelf,
    private readonly host: SessionHost,
    private readonly makeTrainer: TrainerFactory = createTrainer,
  ) {}

  /** Queue runs (ids must be new, configs valid: all are checked before any is queued). */
  start(runs: RunStart[]): void {
    const ids = new Set<string>();
    // Each run's config as the schema reads it (defaults filled in, e.g. an older run's dataset).
    const configs = new Map<string, RunConfig>();
    for (const { id, config } of runs) {
      if (this.slots.has(id) || ids.has(id)) throw new Error(`run ${id} already exists`);
      ids.add(id);
      const check = checkRunConfig(config);
      if (!check.ok) {
        const first = check.errors[0];
        throw new Error(`run ${id}: ${first?.path ?? 'config'} ${first?.message ?? 'is invalid'}`);
      }
      configs.set(id, check.config);
    }
    for (const { id, config: given, resume, moved } of runs) {
      const config = configs.get(id) ?? given;
      this.slots.set(id, {
        id,
        config,
        status: moved ? 'running' : 'queued',
        trainer: null,
        buffer: new SeriesBuffer(id),
        throughput: new Throughput(),
        startedAt: 0,
        deadWindow: moved ? moved.deadWindow.map((dead) => [...dead]) : [],
        step: resume?.step ?? 0,
        resume: resume ?? null,
        checkpointStep: resume?.step ?? 0,
        singleSteps: 0,
        leaving: false,
        stepEnded: null,
      });
      if (!moved) this.setStatus(id, 'queued');
    }
    void this.loop();
  }

  pause(id: string): void {
    const slot = this.slots.get(id);
    if (slot && (slot.status === 'running' || slot.status === 'queued')) {
      this.setStatus(id, 'paused');
    }
  }

  resume(id: string): void {
    const slot = this.slots.get(id);
    if (slot?.status !== 'paused') return;
    slot.singleSteps = 0;
    slot.throughput.resetWindow();
    this.setStatus(id, slot.trainer ? 'running' : 'queued');
    void this.loop();
  }

  /** One step of a paused run (a teacher walking through training); it stays paused. */
  step(id: string): void {
    const slot = this.slots.get(id);
    if (slot?.status !== 'paused') return;
    slot.singleSteps += 1;
    void this.loop();
  }

  /**
   * Slow motion: at least `msPerStep` between two steps of the session (0 = full speed). Points are
   * sent after every step while slowed, so each one shows as it happens.
   */
  setPace(msPerStep: number): void {
    this.paceMs = Number.isFinite(msPerStep) ? Math.min(MAX_PACE_MS, Math.max(0, msPerStep)) : 0;
  }

  stop(id: string): void {
    const slot = this.slots.get(id);
    if (slot && !FINAL_STATUSES.has(slot.status)) this.finish(slot, 'stopped');
  }

  /**
   * Let a running (or queued) run go to another session: once its step under way ends, its state
   * is checkpointed, its points are sent, and it leaves without a status change. Null when it is
   * not here, has ended, or was paused meanwhile (it stays).
   */
  async handOff(id: string): Promise<RunStart | null> {
    const slot = this.slots.get(id);
    if (!slot || slot.leaving || !movable(slot)) return null;
    slot.leaving = true;
    try {
      if (this.stepping === slot) await new Promise<void>((resolve) => (slot.stepEnded = resolve));
      if (!this.slots.has(id) || !movable(slot)) return null;
      const resume = slot.trainer
        ? await slot.trainer.checkpoint(this.host.now() - slot.startedAt)
        : slot.resume;
      // Stopped, ended or paused while the checkpoint was read: it stays (or is gone).
      if (!this.slots.has(id) || !movable(slot)) return null;
      this.flush();
      this.release(slot);
      return {
        id,
        config: slot.config,
        ...(resume ? { resume } : {}),
        moved: { deadWindow: slot.deadWindow.map((dead) => [...dead]) },
      };
    } finally {
      slot.leaving = false;
      // A run that stays trains on (the loop may have ended while it was held back).
      if (this.slots.has(id)) void this.loop();
    }
  }

  /** True while any run still has steps to do and is not paused. */
  get busy(): boolean {
    return [...this.slots.values()].some((s) => s.status === 'running' || s.status === 'queued');
  }

  /** True while any run may still train (paused ones included). */
  get unfinished(): boolean {
    return [...this.slots.values()].some((s) => !FINAL_STATUSES.has(s.status));
  }

  /** Runs the session holds: queued, training or paused (finished runs are let go). */
  get held(): number {
    return this.slots.size;
  }

  /** Stop every run and free its tensors. */
  dispose(): void {
    for (const slot of this.slots.values()) {
      if (!FINAL_STATUSES.has(slot.status)) this.finish(slot, 'stopped');
    }
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      for (let slot = this.nextSlot(); slot; slot = this.nextSlot()) {
        const single = slot.status === 'paused';
        if (single) slot.singleSteps -= 1;
        const t0 = this.host.now();
        this.stepping = slot;
        try {
          await this.advance(slot);
        } finally {
          this.stepping = null;
          slot.stepEnded?.();
          slot.stepEnded = null;
        }
        const slow = this.paceMs > 0;
        if (single || slow || this.host.now() - this.lastFlush >= FLUSH_INTERVAL_MS) this.flush();
        const rest = this.paceMs - (this.host.now() - t0);
        if (slow && rest > 0 && !single) await this.host.wait(rest);
        else await this.host.yieldToEvents();
      }
      this.flush();
    } finally {
      this.looping = false;
    }
  }

  /** The first runnable slot after the one served last, in queue order (round-robin). */
  private nextSlot(): Slot | null {
    const slots = [...this.slots.values()];
    const last = slots.findIndex((s) => s.id === this.lastServed);
    for (let i = 1; i <= slots.length; i++) {
      const slot = slots[(last + i) % slots.length];
      if (!slot || slot.leaving) continue;
      const runnable = slot.status === 'running' || slot.status === 'queued';
      if (runnable || (slot.status === 'paused' && slot.singleSteps > 0)) {
        this.lastServed = slot.id;
        return slot;
      }
    }
    return null;
  }

  private async advance(slot: Slot): Promise<void> {
    try {
      if (!slot.trainer) {
        const data = datasetFor(this.datasets, slot.config.dataset);
        slot.trainer = this.makeTrainer(slot.config, data, this.splitFor(slot.config, data), () =>
          this.host.now(),
        );
        slot.startedAt = this.host.now();
        if (slot.resume) {
          await slot.trainer.restore(slot.resume).catch((error: unknown) => {
            // An imported dataset may have been imported again, at another size or in colour.
            if (isShipped(slot.config.dataset)) throw error;
            throw new Error(
              `its checkpoint does not fit the network on ${datasetLabel(slot.config.dataset)} as it is now (imported again at another size or colour?): ${errorMessage(error)}`,
            );
          });
          // Its wall-time axis goes on from where the checkpoint left it.
          slot.startedAt -= slot.resume.elapsedMs;
          slot.resume = null;
        }
        // A single step of a run paused before it began leaves it paused; a moved run is running.
        if (slot.status === 'queued') this.setStatus(slot.id, 'running');
      }
      const trainer = slot.trainer;
      const t0 = this.host.now();
      const result = await trainer.trainStep();
      const t1 = this.host.now();
      if (slot.status !== 'running' && slot.status !== 'paused') return; // stopped meanwhile
      slot.step = result.step;
      slot.throughput.record(t1, result.step, t1 - t0);
      recordStep(slot.buffer, result, t1 - slot.startedAt);
      if (!Number.isFinite(result.loss)) {
        this.finish(slot, 'diverged', `loss became ${result.loss} at step ${result.step}`);
        return;
      }
      const stall = stallMessage(slot.deadWindow, result);
      if (stall) {
        this.finish(slot, 'stalled', stall);
        return;
      }
      const last = result.step >= slot.config.steps;
      if (last || result.step % slot.config.evalEvery === 0) {
        const acc = await trainer.evaluate();
        if (slot.status !== 'running' && slot.status !== 'paused') return; // stopped meanwhile
        if (acc !== null) {
          slot.buffer.push('testAccuracy', result.step, this.host.now() - slot.startedAt, acc);
        }
      }
      if (last) {
        this.finish(slot, 'completed');
        return;
      }
      if (result.step - slot.checkpointStep >= CHECKPOINT_EVERY_STEPS) {
        slot.checkpointStep = result.step;
        const checkpoint = await trainer.checkpoint(this.host.now() - slot.startedAt);
        if (slot.status === 'running' || slot.status === 'paused') {
          // Points first: a page that stores the checkpoint has every point up to its step.
          this.flush();
          this.host.emit({ type: 'checkpoint', runId: slot.id, checkpoint });
        }
      }
    } catch (error) {
      this.finish(slot, 'failed', errorMessage(error));
    }
  }

  private splitFor(config: RunConfig, data: ImageDataset): DataSplit {
    const { trainSize, testSize, splitSeed } = config.data;
    const key = `${data.count}/${trainSize}/${testSize}/${splitSeed}`;
    let split = this.splits.get(key);
    if (!split) {
      split = splitIndices(data.count, trainSize, testSize, splitSeed);
      this.splits.set(key, split);
    }
    return split;
  }

  private finish(slot: Slot, status: RunStatus, message?: string): void {
    slot.trainer?.dispose();
    slot.trainer = null;
    this.flush();
    this.setStatus(slot.id, status, message);
    this.release(slot);
  }

  /**
   * Free a run's tensors and let it go (its points are sent): nothing of a finished or handed-off
   * run stays in the session. Round-robin goes on after it: the run before it is served last.
   */
  private release(slot: Slot): void {
    slot.trainer?.dispose();
    slot.trainer = null;
    if (this.lastServed === slot.id) {
      const ids = [...this.slots.keys()];
      const at = ids.indexOf(slot.id);
      this.lastServed = ids.length > 1 ? (ids[(at - 1 + ids.length) % ids.length] ?? null) : null;
    }
    this.slots.delete(slot.id);
  }

  private setStatus(runId: string, status: RunStatus, message?: string): void {
    const slot = this.slots.get(runId);
    if (slot) slot.status = status;
    this.host.emit({
      type: 'status',
      runId,
      status,
      ...(message === undefined ? {} : { message }),
    });
  }

  /** Send every run's new points and progress. */
  private flush(): void {
    this.lastFlush = this.host.now();
    const chunks = [...this.slots.values()].flatMap((s) => s.buffer.drain());
    if (chunks.length === 0) return;
    const progress = [...this.slots.values()]
      .filter((s) => s.trainer || chunks.some((c) => c.runId === s.id))
      .map((s) => ({
        runId: s.id,
        step: s.step,
        stepsPerSecond: s.throughput.stepsPerSecond(),
        msPerStep: s.throughput.medianStepMs(),
      }));
    this.host.emit({ type: 'metrics', chunks, progress });
  }
}
