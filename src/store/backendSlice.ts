import type { StateCreator } from 'zustand';
import type { BackendChoice, BackendName, ProbeResult } from '../shared/backends';
import type { Command, WorkerPhase } from '../worker/protocol';
import type { LabState } from './labState';

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
  /** Ask the worker for another backend ('auto' re-runs the probe). */
  chooseBackend(choice: BackendChoice): void;
}

export const createBackendSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], BackendSlice> =>
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
    chooseBackend(choice) {
      if (get().phase !== 'ready') return;
      send({ type: 'setBackend', choice });
    },
  });
