/**
 * Every message between the page, its training client (a pool of workers) and each training
 * worker. Types only: every side imports this module and switches exhaustively on `type`.
 */
import type { BackendChoice, BackendName, ProbeResult } from './backends';
import type { MovedState, TrainerCheckpoint } from './checkpoint';
import type { DatasetId, ShippedDatasetId } from './datasets';
import type { RunConfig } from './runConfig';
import type { SessionEvent } from './runStatus';

/** Commands about runs: the client hands each to the worker that trains the run. */
export type RunCommand =
  /**
   * Start runs; one with `resume` continues from that checkpoint (a run cut off by a reload), one
   * with `moved` too, already running, from another worker (no new status).
   */
  | { type: 'start'; runs: RunHandout[] }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  /** One step of a paused run; it stays paused. */
  | { type: 'step'; runId: string }
  /** Slow motion: at least this many ms between steps (0 = full speed). */
  | { type: 'pace'; msPerStep: number }
  | { type: 'stop'; runId: string };

/** A run as a worker is given it: new, resumed from a checkpoint, or moved from another worker. */
export interface RunHandout {
  id: string;
  config: RunConfig;
  resume?: TrainerCheckpoint;
  moved?: MovedState;
}

/** How many training workers: a number, or 'auto' (the cores less one for the page). */
export type WorkersChoice = number | 'auto';

/** Page -> training client. */
export type Command =
  /**
   * Load the default dataset from its URL in `dataUrls` (absolute; the others load when a run
   * first needs them) and pick a backend; `remembered` (the last probe's winner) skips the full
   * probe when it still works.
   */
  | {
      type: 'init';
      choice: BackendChoice;
      remembered: BackendName | null;
      dataUrls: Record<ShippedDatasetId, string>;
    }
  /** Switch backend (only while no run is training). */
  | { type: 'setBackend'; choice: BackendChoice }
  /** Train in this many workers from now on (running runs spread over new ones as they join). */
  | { type: 'workers'; choice: WorkersChoice }
  /** A dataset imported in this browser: its binary, for the runs that train on it. */
  | { type: 'registerDataset'; dataset: DatasetId; data: ArrayBuffer }
  /** A dataset deleted in this browser: the pool and every worker let its bytes go. */
  | { type: 'forgetDataset'; dataset: DatasetId }
  | RunCommand;

/** A dataset's binary as the client hands it to a worker: shared by all, or a copy each. */
export type DatasetBytes = ArrayBuffer | SharedArrayBuffer;

/** Training client -> one worker. */
export type WorkerCommand =
  /** The first worker: decode the default dataset and choose a backend (probing when needed). */
  | { type: 'init'; choice: BackendChoice; remembered: BackendName | null; data: DatasetBytes }
  /** Every other worker: decode the default dataset and use the first one's backend, unprobed. */
  | { type: 'join'; backend: BackendName; data: DatasetBytes }
  /** Another dataset, sent before the first run that trains on it in this worker. */
  | { type: 'addDataset'; dataset: DatasetId; data: DatasetBytes }
  /** A dataset deleted in the page: drop its decoded images (no run here trains on it). */
  | { type: 'forgetDataset'; dataset: DatasetId }
  /** Switch backend (the first worker; only while no run is training). */
  | { type: 'setBackend'; choice: BackendChoice }
  /** Every other worker: follow the first one's new backend, unprobed. */
  | { type: 'adopt'; backend: BackendName }
  /** The pool asks whether the worker is still there; it answers 'alive'. */
  | { type: 'ping' }
  /**
   * Give up a running run at its next step boundary, to be moved to an idle worker: the worker
   * sends its points, then answers 'handedOff'.
   */
  | { type: 'handOff'; runId: string }
  | RunCommand;

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
  /**
   * The client's pool: workers training now (or about to), what the user chose, the cores the
   * browser reports, how many 'auto' means here, and whether the digits are shared between
   * workers or copied to each.
   */
  | {
      type: 'workers';
      count: number;
      choice: WorkersChoice;
      cores: number;
      auto: number;
      shared: boolean;
    }
  /**
   * A training worker crashed: these runs (its unfinished ones) cannot go on there. The points
   * they sent are kept; the other workers go on and a new one takes its place.
   */
  | { type: 'workerLost'; runIds: string[]; message: string; replaced: boolean }
  /** A command could not be carried out; nothing else changed. */
  | { type: 'rejected'; command: Command['type']; message: string }
  /** The worker cannot go on (data missing, no backend works). */
  | { type: 'fatal'; message: string }
  | SessionEvent;

/**
 * What a worker posts: an event for the page, or one of the pool's own: its answer to a ping, and
 * to a hand-off (the run to start elsewhere, or null when it stays or has ended).
 */
export type WorkerReply =
  WorkerEvent | { type: 'alive' } | { type: 'handedOff'; runId: string; run: RunHandout | null };
