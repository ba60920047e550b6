/**
 * A queue of runs trained on one backend. Steps are interleaved round-robin so compared runs grow
 * together; new points are flushed in batches. Knows nothing of threads or messages: the host
 * supplies a clock, a way to yield to pending commands, and an `emit` function.
 */
import type { MetricId } from '../../shared/metrics';
import type { RunConfig } from '../../shared/runConfig';
import { FINAL_STATUSES, type RunStatus, type SessionEvent } from '../../shared/runStatus';
import type { ImageDataset } from '../data/mnistBinary';
import { splitIndices, type DataSplit } from '../data/split';
import { SeriesBuffer } from './seriesBuffer';
import { Throughput } from './throughput';
import { createTrainer, type StepResult, type StepTrainer, type TrainerFactory } from './trainer';

/** Send buffered points at most this often, milliseconds. */
export const FLUSH_INTERVAL_MS = 100;
/** A run whose conv block has every ReLU dead for this many consecutive steps has stalled. */
export const STALL_PATIENCE_STEPS = 20;

/** Dead-ReLU metric of each conv block, in block order. */
const DEAD_METRICS: MetricId[] = ['deadConv1', 'deadConv2'];

export interface SessionHost {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolve after pending commands have had a chance to run. */
  yieldToEvents(): Promise<void>;
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
  /** Consecutive steps with a fully dead conv block. */
  stalledSteps: number;
  /** Steps finished. */
  step: number;
}

export class Session {
  private readonly slots = new Map<string, Slot>();
  private readonly splits = new Map<string, DataSplit>();
  /** Index of the slot served last; -1 so the first run goes first. */
  private cursor = -1;
  private looping = false;
  private lastFlush = 0;

  constructor(
    private readonly data: ImageDataset,
    private readonly host: SessionHost,
    private readonly makeTrainer: TrainerFactory = createTrainer,
  ) {}

  /** Queue runs (ids must be new) and start training if idle. */
  start(runs: { id: string; config: RunConfig }[]): void {
    for (const { id, config } of runs) {
      if (this.slots.has(id)) throw new Error(`run ${id} already exists`);
      this.slots.set(id, {
        id,
        config,
        status: 'queued',
        trainer: null,
        buffer: new SeriesBuffer(id),
        throughput: new Throughput(),
        startedAt: 0,
        stalledSteps: 0,
        step: 0,
      });
      this.setStatus(id, 'queued');
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
    slot.throughput.resetWindow();
    this.setStatus(id, slot.trainer ? 'running' : 'queued');
    void this.loop();
  }

  stop(id: string): void {
    const slot = this.slots.get(id);
    if (slot && !FINAL_STATUSES.has(slot.status)) this.finish(slot, 'stopped');
  }

  /** True while any run still has steps to do and is not paused. */
  get busy(): boolean {
    return [...this.slots.values()].some((s) => s.status === 'running' || s.status === 'queued');
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
        await this.advance(slot);
        if (this.host.now() - this.lastFlush >= FLUSH_INTERVAL_MS) this.flush();
        await this.host.yieldToEvents();
      }
      this.flush();
    } finally {
      this.looping = false;
    }
  }

  /** The next runnable slot after the last one served (round-robin). */
  private nextSlot(): Slot | null {
    const runnable = [...this.slots.values()].filter(
      (s) => s.status === 'running' || s.status === 'queued',
    );
    if (runnable.length === 0) return null;
    this.cursor = (this.cursor + 1) % runnable.length;
    return runnable[this.cursor] ?? null;
  }

  private async advance(slot: Slot): Promise<void> {
    try {
      if (!slot.trainer) {
        slot.trainer = this.makeTrainer(slot.config, this.data, this.splitFor(slot.config));
        slot.startedAt = this.host.now();
        this.setStatus(slot.id, 'running');
      }
      const trainer = slot.trainer;
      const t0 = this.host.now();
      const result = await trainer.trainStep();
      const t1 = this.host.now();
      if (slot.status !== 'running' && slot.status !== 'paused') return; // stopped meanwhile
      slot.step = result.step;
      slot.throughput.record(t1, result.step, t1 - t0);
      this.record(slot, result, t1);
      if (!Number.isFinite(result.loss)) {
        this.finish(slot, 'diverged', `loss became ${result.loss} at step ${result.step}`);
        return;
      }
      const stall = this.stallMessage(slot, result);
      if (stall) {
        this.finish(slot, 'diverged', stall);
        return;
      }
      const last = result.step >= slot.config.steps;
      if (last || result.step % slot.config.evalEvery === 0) {
        const acc = await trainer.evaluate();
        slot.buffer.push('testAccuracy', result.step, this.host.now() - slot.startedAt, acc);
      }
      if (last) this.finish(slot, 'completed');
    } catch (error) {
      this.finish(slot, 'failed', error instanceof Error ? error.message : String(error));
    }
  }

  private record(slot: Slot, result: StepResult, time: number): void {
    const t = time - slot.startedAt;
    slot.buffer.push('trainLoss', result.step, t, result.loss);
    slot.buffer.push('trainAccuracy', result.step, t, result.accuracy);
    result.dead.forEach((fraction, i) => {
      const metric = DEAD_METRICS[i];
      if (metric) slot.buffer.push(metric, result.step, t, fraction);
    });
  }

  /** A message when some conv block has had every ReLU dead for STALL_PATIENCE_STEPS steps. */
  private stallMessage(slot: Slot, result: StepResult): string | null {
    const deadBlock = result.dead.findIndex((f) => f >= 1);
    slot.stalledSteps = deadBlock >= 0 ? slot.stalledSteps + 1 : 0;
    if (slot.stalledSteps < STALL_PATIENCE_STEPS) return null;
    return (
      `stalled at step ${result.step}: every ReLU of conv ${deadBlock + 1} has output zero for ` +
      `${STALL_PATIENCE_STEPS} steps, so no gradient reaches the layers before it`
    );
  }

  private splitFor(config: RunConfig): DataSplit {
    const { trainSize, testSize, splitSeed } = config.data;
    const key = `${trainSize}/${testSize}/${splitSeed}`;
    let split = this.splits.get(key);
    if (!split) {
      split = splitIndices(this.data.count, trainSize, testSize, splitSeed);
      this.splits.set(key, split);
    }
    return split;
  }

  private finish(slot: Slot, status: RunStatus, message?: string): void {
    slot.trainer?.dispose();
    slot.trainer = null;
    this.flush();
    this.setStatus(slot.id, status, message);
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
