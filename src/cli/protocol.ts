/** Everything that crosses between the CLI's main thread and its training workers (types only). */
import type { RunConfig } from '../shared/runConfig';
import type { SessionEvent } from '../shared/runStatus';

/** The tfjs backends the CLI trains on (Node has neither WebGL nor WebGPU). */
export const CLI_BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

/** Given to each worker when it is created. */
export interface WorkerSetup {
  backend: CliBackend;
  /** The MNIST binary (src/engine/data/mnistBinary.ts), shared by every worker, never copied. */
  mnist: SharedArrayBuffer;
}

/** Main thread -> worker. */
export type ToWorker =
  /** Train this run (a worker trains one at a time and is sent the next when it ends). */
  | { type: 'train'; run: { id: string; config: RunConfig } }
  /** Stop training: the current run ends 'stopped' with the steps it finished. */
  | { type: 'stop' };

/** Worker -> main thread: start-up, then the session's status and metrics events. */
export type FromWorker =
  | { type: 'ready' }
  /** Start-up failed (backend, data); the worker trains nothing. */
  | { type: 'fatal'; message: string }
  | Exclude<SessionEvent, { type: 'checkpoint' }>;
