/** Test doubles for the store's outside world: a training client and a backend memory. */
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import type { BackendName } from '../../../src/shared/backends';
import type { SeriesChunk } from '../../../src/shared/runStatus';
import type { MetricId } from '../../../src/shared/metrics';
import type { BackendMemory } from '../../../src/page/store/labStore';
import type { EventListener, TrainingClient } from '../../../src/page/workers/client';
import type { Command, WorkerEvent, WorkersChoice } from '../../../src/shared/workerProtocol';

/** Dataset URLs handed to the store in tests. */
export const DATA_URLS = {
  mnist: 'https://lab.example/data/mnist-10k.bin',
  'fashion-mnist': 'https://lab.example/data/fashion-mnist-10k.bin',
};

/** A client that records every command and lets the test play the worker. */
export interface FakeClient extends TrainingClient {
  /** Commands sent so far, oldest first. */
  readonly sent: Command[];
  /** Deliver an event to every subscriber, as the worker would. */
  emit(event: WorkerEvent): void;
  /** Subscribers currently listening. */
  listenerCount(): number;
  terminated: boolean;
}

export function createFakeClient(): FakeClient {
  const sent: Command[] = [];
  const listeners = new Set<EventListener>();
  const client: FakeClient = {
    sent,
    terminated: false,
    send: (command) => {
      sent.push(command);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate() {
      client.terminated = true;
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
  };
  return client;
}

/** A backend memory that starts with `remembered` and records every save. */
export interface FakeMemory extends BackendMemory {
  readonly saved: BackendName[];
  readonly savedWorkers: WorkersChoice[];
}

export function createFakeMemory(
  remembered: BackendName | null = null,
  workers: WorkersChoice = 'auto',
): FakeMemory {
  const saved: BackendName[] = [];
  const savedWorkers: WorkersChoice[] = [];
  return {
    saved,
    savedWorkers,
    load: () => remembered,
    save: (backend) => {
      saved.push(backend);
    },
    loadWorkers: () => workers,
    saveWorkers: (choice) => {
      savedWorkers.push(choice);
    },
  };
}

/** A chunk of points for one metric of one run, from plain arrays. */
export function chunkOf(
  runId: string,
  metric: MetricId,
  steps: number[],
  values: number[],
  times: number[] = steps.map((s) => s * 10),
): SeriesChunk {
  return {
    runId,
    metric,
    steps: Int32Array.from(steps),
    times: Float32Array.from(times),
    values: Float32Array.from(values),
  };
}

/** A checkpoint with no tensors, at `step` (fake workers keep only their step). */
export function emptyCheckpoint(step: number, elapsedMs = 0): TrainerCheckpoint {
  return {
    version: 1,
    step,
    elapsedMs,
    trainable: [],
    state: [],
    optimizer: [],
    sampler: null,
    noise: [],
  };
}
