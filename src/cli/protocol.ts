/** Everything that crosses between the CLI's main thread and its training workers (types only). */
import type { TrainerCheckpoint } from '../shared/checkpoint';
import type { StepResult } from '../engine/train/stepTrainer';
import type { RunConfig } from '../shared/runConfig';
import type { SharedDatasets } from './sharedDatasets';
import type { SessionEvent } from '../shared/runStatus';

/** The tfjs backends the CLI trains on (Node has neither WebGL nor WebGPU). */
export const CLI_BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

/** Given to each worker when it is created. */
export interface WorkerSetup {
  backend: CliBackend;
  /** The binaries of the datasets its runs use (shared/imageBinary.ts), shared, never copied. */
  datasets: SharedDatasets;
}

/** Main thread -> worker. */
export type ToWorker =
  /** Train this run, from its checkpoint if it has one (one at a time; the next when it ends). */
  | { type: 'train'; run: { id: string; config: RunConfig; resume?: TrainerCheckpoint } }
  /** Stop training: the current run ends 'stopped' with the steps it finished. */
  | { type: 'stop' }
  /** `bnlab checkpoint`: train one run, sending its checkpoint file at each of these steps. */
  | { type: 'save'; config: RunConfig; at: number[] }
  /** `bnlab run --resume`: does this checkpoint fit this config's network? */
  | { type: 'check'; config: RunConfig; resume: TrainerCheckpoint }
  /**
   * `bnlab measure`: restore the checkpoint and measure one step with every measurement on, on
   * these dataset indices (null: the run's own next batch).
   */
  | { type: 'measure'; config: RunConfig; resume: TrainerCheckpoint; batch: number[] | null };

/** Worker -> main thread: start-up, then the session's status and metrics events. */
export type FromWorker =
  | { type: 'ready' }
  /** Start-up failed (backend, data); the worker trains nothing. */
  | { type: 'fatal'; message: string }
  | Exclude<SessionEvent, { type: 'checkpoint' }>
  /** A checkpoint file (docs/checkpoint-format.md) of the run being saved, at `step`. */
  | { type: 'saved'; step: number; bytes: Uint8Array }
  /** The save ended: every step sent, or `error` says why not. */
  | { type: 'save-ended'; error: string | null }
  /** The answer to 'check': null when the checkpoint fits, else what differs. */
  | { type: 'checked'; error: string | null }
  /** The answer to 'measure': the step's measurements, or `error` says why there are none. */
  | { type: 'measured'; result: StepResult | null; error: string | null };
