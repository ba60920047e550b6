/**
 * The app's one store, built from slices and wired to a training client: commands go out through
 * the client, every event comes back through `applyEvent`.
 */
import type { ShippedDatasetId } from '../../shared/datasets';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendName } from '../../shared/backends';
import { BACKENDS } from '../../shared/backends';
import type { TrainingClient } from '../workers/client';
import type { Command, WorkersChoice } from '../../shared/workerProtocol';
import { parseWorkersChoice } from './workersChoice';
import { applyEvent } from './applyEvent';
import { createBackendSlice } from './backendSlice';
import { createDatasetsSlice } from './datasetsSlice';
import { createEditorSlice } from './editorSlice';
import { browserClock, createMetricsBatcher, type BatcherClock } from './metricsBatcher';
import { createOtherTabsSlice } from './otherTabsSlice';
import { createPaceSlice } from './paceSlice';
import type { LabState } from './labState';
import { createLaunchSlice } from './launchSlice';
import { createNoticesSlice } from './noticesSlice';
import { createRunsSlice } from './runsSlice';
import { createSeriesSlice } from './seriesSlice';
import { createStorageSlice } from './storageSlice';

/**
 * What this browser remembers about training: the last probe's winner (so the next visit skips the
 * full probe) and how many training workers the user chose.
 */
export interface BackendMemory {
  load(): BackendName | null;
  save(backend: BackendName): void;
  loadWorkers(): WorkersChoice;
  saveWorkers(choice: WorkersChoice): void;
}

/** Key of the remembered backend in localStorage. */
const MEMORY_KEY = 'bnlab.backend.v1';
/** Key of the chosen number of training workers in localStorage. */
const WORKERS_KEY = 'bnlab.workers.v1';

/** Remember the probe's winner in localStorage (silently does nothing where storage is blocked). */
export const localStorageMemory: BackendMemory = {
  load() {
    try {
      const value = localStorage.getItem(MEMORY_KEY);
      return BACKENDS.find((b) => b === value) ?? null;
    } catch {
      return null;
    }
  },
  save(backend) {
    try {
      localStorage.setItem(MEMORY_KEY, backend);
    } catch {
      // Private mode or storage disabled: the next visit probes again, nothing else is lost.
    }
  },
  loadWorkers() {
    try {
      return parseWorkersChoice(localStorage.getItem(WORKERS_KEY));
    } catch {
      return 'auto';
    }
  },
  saveWorkers(choice) {
    try {
      localStorage.setItem(WORKERS_KEY, String(choice));
    } catch {
      // Storage blocked: the choice holds for this visit only.
    }
  },
};

export function createLabStore(
  client: TrainingClient,
  memory: BackendMemory,
  /** Absolute URL of each dataset's binary. */
  dataUrls: Record<ShippedDatasetId, string>,
  /** Paces streamed points to the page's drawing speed (none: each batch applies at once). */
  clock: BatcherClock | null = browserClock(),
): StoreApi<LabState> {
  const send = (command: Command) => client.send(command);
  const store = createStore<LabState>()((...a) => ({
    ...createBackendSlice(send, memory)(...a),
    ...createRunsSlice(send)(...a),
    ...createLaunchSlice(send)(...a),
    ...createNoticesSlice(...a),
    ...createSeriesSlice(...a),
    ...createEditorSlice(...a),
    ...createStorageSlice(...a),
    ...createPaceSlice(send)(...a),
    ...createOtherTabsSlice(...a),
    ...createDatasetsSlice(send)(...a),
  }));
  const receive = createMetricsBatcher(
    (events) =>
      store.setState((state) =>
        events.length === 1 && events[0]
          ? applyEvent(state, events[0])
          : events.reduce<LabState>(
              (next, event) => ({ ...next, ...applyEvent(next, event) }),
              state,
            ),
      ),
    // Slow motion shows every step as it comes.
    () => store.getState().paceMs === 0,
    clock,
  );
  client.subscribe((event) => {
    receive(event);
    if (event.type === 'backend' && event.via === 'probe') memory.save(event.backend);
  });
  send({ type: 'workers', choice: memory.loadWorkers() });
  send({ type: 'init', choice: 'auto', remembered: memory.load(), dataUrls });
  return store;
}
