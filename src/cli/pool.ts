/**
 * Worker threads that train the planned runs. Each worker trains one run at a time and is handed
 * the next when it ends, so every worker stays busy however long each run takes.
 */
import { Worker } from 'node:worker_threads';
import { assertNever } from '../shared/assertNever';
import { FINAL_STATUSES, type SessionEvent } from '../shared/runStatus';
import type { RunPlan } from './plan';
import type { SharedDatasets } from './sharedDatasets';
import type { CliBackend, FromWorker, ToWorker, WorkerSetup } from './protocol';

export type PoolEvent = Exclude<SessionEvent, { type: 'checkpoint' }>;

export interface PoolOptions {
  workers: number;
  backend: CliBackend;
  /** The datasets' binaries, shared with every worker. */
  datasets: SharedDatasets;
}

/** How long a worker may take to end its current step once told to stop, ms. */
const STOP_GRACE_MS = 15_000;

/** The worker's entry: registers the TypeScript hooks, then loads worker.ts. */
export const BOOT_URL = new URL('./workerBoot.mjs', import.meta.url);

/**
 * This process's Node options minus module preloads (`--import tsx`): Node 20 does not apply their
 * hooks inside workers, and on later versions they would be registered twice (the boot file does).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const preload = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (preload.has(arg)) i++;
    else if (![...preload].some((flag) => arg.startsWith(`${flag}=`))) out.push(arg);
  }
  return out;
}

interface Slot {
  worker: Worker;
  /** The run it trains, or null when idle. */
  runId: string | null;
  /** Terminated, crashed or retired: it trains nothing more. */
  gone: boolean;
  stopTimer?: NodeJS.Timeout;
}

export class TrainingPool {
  /** Resolves once every worker is gone: all runs ended, or stopped. */
  readonly done: Promise<void>;
  private readonly queue: RunPlan[];
  private readonly slots: Slot[];
  private stopping = false;
  private resolveDone: () => void = () => {};

  constructor(
    plans: readonly RunPlan[],
    options: PoolOptions,
    private readonly emit: (event: PoolEvent) => void,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.queue = [...plans];
    const count = Math.max(0, Math.min(options.workers, plans.length));
    const setup: WorkerSetup = { backend: options.backend, datasets: options.datasets };
    this.slots = Array.from({ length: count }, () => this.spawn(setup));
    this.checkDone();
  }

  /** Workers started (at most one per run). */
  get size(): number {
    return this.slots.length;
  }

  /** Train nothing more: queued runs stay untrained, running ones end after their current step. */
  stop(): void {
    this.stopping = true;
    for (const slot of this.slots) {
      if (slot.gone) continue;
      if (slot.runId === null) {
        this.retire(slot);
        continue;
      }
      this.post(slot, { type: 'stop' });
      slot.stopTimer = setTimeout(() => {
        const runId = slot.runId;
        if (runId) {
          const message = `the worker did not stop within ${STOP_GRACE_MS / 1000} s`;
          this.emit({ type: 'status', runId, status: 'stopped', message });
        }
        this.retire(slot);
      }, STOP_GRACE_MS);
    }
  }

  /** Terminate every worker now (runs keep the points they sent). */
  kill(): void {
    this.stopping = true;
    for (const slot of this.slots) if (!slot.gone) this.retire(slot);
  }

  private spawn(setup: WorkerSetup): Slot {
    const worker = new Worker(BOOT_URL, {
      workerData: setup,
      execArgv: workerExecArgv(process.execArgv),
    });
    const slot: Slot = { worker, runId: null, gone: false };
    worker.on('message', (message: FromWorker) => this.receive(slot, message));
    worker.on('error', (error) => this.lose(slot, `the worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.lose(slot, `the worker exited with code ${code}`));
    return slot;
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  private receive(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.feed(slot);
        return;
      case 'fatal':
        this.lose(slot, message.message);
        return;
      case 'metrics':
        this.emit(message);
        return;
      case 'status':
        this.emit(message);
        if (message.runId === slot.runId && FINAL_STATUSES.has(message.status)) {
          slot.runId = null;
          this.feed(slot);
        }
        return;
      case 'saved':
      case 'save-ended':
      case 'checked':
      case 'measured':
        return; // answers to single-run commands (singleRun.ts), which the pool never sends
      default:
        assertNever(message);
    }
  }

  /** Give an idle worker the next run, or retire it when there is none (or we are stopping). */
  private feed(slot: Slot): void {
    if (slot.gone) return;
    const next = this.stopping ? undefined : this.queue.shift();
    if (!next) {
      this.retire(slot);
      return;
    }
    slot.runId = next.id;
    this.post(slot, {
      type: 'train',
      run: {
        id: next.id,
        config: next.config,
        ...(next.resume ? { resume: next.resume } : {}),
      },
    });
  }

  private retire(slot: Slot): void {
    slot.gone = true;
    clearTimeout(slot.stopTimer);
    void slot.worker.terminate();
    this.checkDone();
  }

  /** A worker died on its own: its run failed; with no worker left, so do the queued runs. */
  private lose(slot: Slot, reason: string): void {
    if (slot.gone) return;
    if (slot.runId)
      this.emit({ type: 'status', runId: slot.runId, status: 'failed', message: reason });
    slot.runId = null;
    if (!this.stopping && this.slots.every((s) => s === slot || s.gone)) {
      for (const plan of this.queue.splice(0)) {
        const message = `not trained: no worker could train it (${reason})`;
        this.emit({ type: 'status', runId: plan.id, status: 'failed', message });
      }
    }
    this.retire(slot);
  }

  private checkDone(): void {
    if (this.slots.every((s) => s.gone)) this.resolveDone();
  }
}
