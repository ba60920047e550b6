/**
 * A CLI training worker: a thin wrapper that starts a tfjs backend, decodes the shared MNIST
 * digits and hands each run it is sent to the engine's Session, posting its events back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort, workerData } from 'node:worker_threads';
import { registerCpuAndWasm } from '../engine/backend/cpuWasm';
import { decodeMnist } from '../engine/data/mnistBinary';
import { Session, type SessionHost } from '../engine/train/session';
import { assertNever } from '../shared/assertNever';
import type { SessionEvent } from '../shared/runStatus';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const setup = workerData as WorkerSetup;

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/** The session's view of this thread: its clock, a yield to pending messages, postMessage. */
const host: SessionHost = {
  now: () => performance.now(),
  yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
  emit(event: SessionEvent) {
    if (event.type === 'checkpoint') return; // the CLI keeps results, not resumable state
    const transfer =
      event.type === 'metrics'
        ? event.chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer])
        : [];
    post(event, transfer as ArrayBuffer[]);
  },
};

async function start(): Promise<Session> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner
  // One thread per worker: the CLI runs in parallel through workers, not inside wasm.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerCpuAndWasm();
  if (!(await tf.setBackend(setup.backend)) || tf.getBackend() !== setup.backend) {
    throw new Error(`the ${setup.backend} backend did not start`);
  }
  return new Session(decodeMnist(new Uint8Array(setup.mnist)), host);
}

const session = start();
session.then(
  () => post({ type: 'ready' }),
  (error: unknown) =>
    post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) }),
);

port.on('message', (message: ToWorker) => {
  void session.then((s) => {
    switch (message.type) {
      case 'train':
        try {
          s.start([message.run]);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          post({ type: 'status', runId: message.run.id, status: 'failed', message: reason });
        }
        return;
      case 'stop':
        s.dispose();
        return;
      default:
        assertNever(message);
    }
  });
});
