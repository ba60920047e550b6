import type { WorkerEvent, WorkerReply } from '../../shared/workerProtocol';
import type { WorkerPort } from './poolMembers';

/** Start a worker whose events and crash (a message) reach the given callbacks. */
export type SpawnWorker = (
  onEvent: (event: WorkerReply) => void,
  onCrash: (message: string) => void,
) => WorkerPort;

/** What a pool of training workers is built from: how to start one, the machine, the data. */
export interface PoolOptions {
  spawn: SpawnWorker;
  /** Logical cores the browser reports (navigator.hardwareConcurrency). */
  cores: number;
  /** Fetch a dataset's binary, `label` naming it in messages (once per page for every worker). */
  fetchDataset(url: string, label: string): Promise<ArrayBuffer>;
  /** Whether a SharedArrayBuffer may be posted (a cross-origin isolated page). */
  canShare: boolean;
  /** Milliseconds since some fixed moment (Date.now; tests pass their own). */
  now?: () => number;
}

/** Hears every event the pool passes on to the page. */
export type PoolListener = (event: WorkerEvent) => void;
