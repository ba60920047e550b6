/// <reference lib="webworker" />
/** The benchmark worker: times each requested backend, posts one row each, then `null`. */
import type { BackendName } from '../../shared/backends';
import { runBenchmark } from './benchRunner';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (message: MessageEvent<BackendName[]>) => {
  void runBenchmark(message.data, (row) => self.postMessage(row)).finally(() =>
    self.postMessage(null),
  );
};
