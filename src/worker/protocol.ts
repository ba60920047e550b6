/**
 * Every message between the page and the training worker. Types only: both sides import this module
 * and switch exhaustively on `type`.
 */
import type { BackendChoice, BackendName, ProbeResult } from '../shared/backends';
import type { TrainerCheckpoint } from '../shared/checkpoint';
import type { RunConfig } from '../shared/runConfig';
import type { SessionEvent } from '../shared/runStatus';

/** Page -> worker. */
export type Command =
  /**
   * Load the digits from `dataUrl` (absolute) and pick a backend; `remembered` (the last probe's
   * winner) skips the full probe when it still works.
   */
  | { type: 'init'; choice: BackendChoice; remembered: BackendName | null; dataUrl: string }
  /** Switch backend (only while no run is training). */
  | { type: 'setBackend'; choice: BackendChoice }
  /** Start runs; one with `resume` continues from that checkpoint (a run cut off by a reload). */
  | { type: 'start'; runs: { id: string; config: RunConfig; resume?: TrainerCheckpoint }[] }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  /** One step of a paused run; it stays paused. */
  | { type: 'step'; runId: string }
  /** Slow motion: at least this many ms between steps (0 = full speed). */
  | { type: 'pace'; msPerStep: number }
  | { type: 'stop'; runId: string };

/** How far the worker's start-up has got. */
export type WorkerPhase = 'loading-data' | 'probing' | 'ready';

/** Worker -> page. */
export type WorkerEvent =
  | { type: 'phase'; phase: WorkerPhase }
  | { type: 'dataset'; images: number; bytes: number }
  | {
      type: 'backend';
      backend: BackendName;
      /** How it was chosen. */
      via: 'probe' | 'remembered' | 'user';
      probe: ProbeResult[];
      /** How long choosing it took (loading backends, probing), ms. */
      probeMs: number;
      /** Whether the wasm backend runs its multi-threaded build (cross-origin isolated page). */
      wasmThreads: boolean;
    }
  /** A command could not be carried out; nothing else changed. */
  | { type: 'rejected'; command: Command['type']; message: string }
  /** The worker cannot go on (data missing, no backend works). */
  | { type: 'fatal'; message: string }
  | SessionEvent;
