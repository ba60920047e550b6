/**
 * One CLI worker for a single-run command (`bnlab checkpoint`, the check of `bnlab run --resume`):
 * tfjs stays in the worker, as for `bnlab run`; this thread sends one request and reads the answers.
 */
import { Worker } from 'node:worker_threads';
import { BOOT_URL, workerExecArgv } from './pool';
import type { CliBackend, FromWorker, ToWorker, WorkerSetup } from './protocol';
import type { SharedDatasets } from './sharedDatasets';

/**
 * Start a worker, send it `request` once it is ready, and give every message to `onMessage` until
 * it returns true (done). Rejects when the worker fails to start or dies.
 */
export function askWorker(
  backend: CliBackend,
  datasets: SharedDatasets,
  request: ToWorker,
  onMessage: (message: FromWorker) => boolean,
): Promise<void> {
  const worker = new Worker(BOOT_URL, {
    workerData: { backend, datasets } satisfies WorkerSetup,
    execArgv: workerExecArgv(process.execArgv),
  });
  return new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') worker.postMessage(request);
      else if (message.type === 'fatal') reject(new Error(message.message));
      else if (onMessage(message)) resolve();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the worker exited with code ${code}`)));
  }).finally(() => void worker.terminate());
}
