import type { StateCreator } from 'zustand';
import type { BackendChoice, BackendName, ProbeResult } from '../../shared/backends';
import type { Command, WorkerEvent, WorkerPhase, WorkersChoice } from '../../shared/workerProtocol';
import type { LabState } from './labState';
import type { BackendMemory } from './labStore';

/** The pool of training workers as its client last reported it. */
type WorkersInfo = Omit<Extract<WorkerEvent, { type: 'workers' }>, 'type'>;

/** The worker's start-up and the backend it trains on. */
export interface BackendSlice {
  /** 'starting' until the worker reports; 'fatal' when it cannot go on. */
  phase: 'starting' | WorkerPhase | 'fatal';
  backend: BackendName | null;
  /** The backend in force as the menu shows it: one the user picked, or 'auto' (the probe's). */
  choice: BackendChoice;
  /** How the current backend was chosen. */
  via: 'probe' | 'remembered' | 'user' | null;
  probe: ProbeResult[];
  /** How long choosing the backend took, ms (null before it is chosen). */
  probeMs: number | null;
  wasmThreads: boolean;
  /** Digits loaded in the worker, and the file's size in bytes. */
  dataset: { images: number; bytes: number } | null;
  /** Why the worker stopped, when phase is 'fatal'. */
  fatal: string | null;
  /** The training workers (null until the client reports them). */
  workers: WorkersInfo | null;
  /** Ask the worker for another backend ('auto' re-runs the probe). */
  chooseBackend(choice: BackendChoice): void;
  /** Train in this many workers from now on, remembered for the next visit. */
  chooseWorkers(choice: WorkersChoice): void;
}

export const createBackendSlice =
  (
    send: (command: Command) => void,
    memory: Pick<BackendMemory, 'saveWorkers'>,
  ): StateCreator<LabState, [], [], BackendSlice> =>
  (_set, get) => ({
    phase: 'starting',
    backend: null,
    choice: 'auto',
    via: null,
    probe: [],
    probeMs: null,
    wasmThreads: false,
    dataset: null,
    fatal: null,
    workers: null,
    chooseBackend(choice) {
      if (get().phase !== 'ready') return;
      send({ type: 'setBackend', choice });
    },
    chooseWorkers(choice) {
      memory.saveWorkers(choice);
      send({ type: 'workers', choice });
    },
  });
