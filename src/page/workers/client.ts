/**
 * The page's handle on training: typed commands out, typed events in. Behind it, a pool of Web
 * Workers (see pool/workerPool.ts); a worker's crash arrives as events like any other.
 */
import { DATASET_INFO, type ShippedDatasetId } from '../../shared/datasets';
import type { Command, WorkerEvent, WorkerReply } from '../../shared/workerProtocol';
import { fetchDataset } from './datasetFiles';
import type { SpawnWorker } from './poolOptions';
import { WorkerPool } from './workerPool';

export type EventListener = (event: WorkerEvent) => void;

export interface TrainingClient {
  send(command: Command): void;
  /** Subscribe to events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  terminate(): void;
}

/** Absolute URL of each dataset's binary for this page. */
export function datasetUrls(): Record<ShippedDatasetId, string> {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI);
  const url = (id: ShippedDatasetId) => new URL(DATASET_INFO[id].file, base).href;
  return { mnist: url('mnist'), 'fashion-mnist': url('fashion-mnist') };
}

/** Cores to assume when the browser does not say. */
const UNKNOWN_CORES = 2;

/** One training worker (it loads nothing until an `init` or `join` command). */
const spawnTrainingWorker: SpawnWorker = (onEvent, onCrash) => {
  const worker = new Worker(new URL('../../worker/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
  worker.onmessage = (message: MessageEvent<WorkerReply>) => onEvent(message.data);
  worker.onerror = (error: ErrorEvent) => {
    error.preventDefault();
    onCrash(error.message || 'unknown error');
  };
  worker.onmessageerror = () => onCrash('a message from it could not be read');
  return {
    post: (command, transfer = []) => worker.postMessage(command, transfer),
    terminate: () => worker.terminate(),
  };
};

/** Start the pool (no worker starts until `init`). */
export function createTrainingClient(): TrainingClient {
  const pool = new WorkerPool({
    spawn: spawnTrainingWorker,
    cores: navigator.hardwareConcurrency || UNKNOWN_CORES,
    fetchDataset,
    canShare: globalThis.crossOriginIsolated === true,
  });
  return {
    send: (command) => pool.send(command),
    subscribe: (listener) => pool.subscribe(listener),
    terminate: () => pool.terminate(),
  };
}
