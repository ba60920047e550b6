/**
 * A CLI training worker: a thin wrapper that starts a tfjs backend, decodes the shared datasets
 * and hands each run it is sent to the engine's Session, posting its events back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort, workerData } from 'node:worker_threads';
import { registerCpuAndWasm } from '../engine/backend/cpuWasm';
import { decodeMnist, type ImageDataset } from '../shared/imageBinary';
import { splitIndices } from '../engine/data/split';
import { datasetFor } from '../engine/data/datasetShelf';
import type { DatasetId } from '../shared/datasets';
import { encodeCheckpointFile } from '../shared/checkpointFile';
import { createTrainer } from '../engine/train/createTrainer';
import { measureCheckpoint } from '../engine/train/measureCheckpoint';
import type { TrainerCheckpoint } from '../shared/checkpoint';
import type { RunConfig } from '../shared/runConfig';
import { Session, type SessionHost } from '../engine/train/session';
import { assertNever } from '../shared/assertNever';
import type { SessionEvent } from '../shared/runStatus';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol';
import { errorMessage } from '../shared/errorMessage';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const setup = workerData as WorkerSetup;
/** The datasets this worker was given, decoded once. */
const shelf = new Map<DatasetId, ImageDataset>();

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

/** The session's view of this thread: its clock, a yield to pending messages, postMessage. */
const host: SessionHost = {
  now: () => performance.now(),
  yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  emit(event: SessionEvent) {
    if (event.type === 'checkpoint') return; // the CLI keeps results, not resumable state
    const transfer =
      event.type === 'metrics'
        ? event.chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer])
        : [];
    post(event, transfer as ArrayBuffer[]);
  },
};

/** `bnlab checkpoint`'s run: train `config`, posting its checkpoint file at each step of `at`. */
async function save(config: RunConfig, at: number[]): Promise<void> {
  const data = datasetFor(shelf, config.dataset);
  const started = performance.now();
  const trainer = createTrainer(config, data, splitFor(data, config), () => performance.now());
  try {
    for (const step of at) {
      while (trainer.step < step) {
        const result = await trainer.trainStep();
        if (!Number.isFinite(result.loss)) {
          throw new Error(`loss became ${result.loss} at step ${result.step}`);
        }
      }
      const bytes = encodeCheckpointFile(
        await trainer.checkpoint(performance.now() - started),
        config,
      );
      post({ type: 'saved', step, bytes }, [bytes.buffer as ArrayBuffer]);
    }
  } finally {
    trainer.dispose();
  }
}

/** Restore `resume` into a throwaway trainer of `config`; throws what does not fit. */
async function check(config: RunConfig, resume: TrainerCheckpoint) {
  const data = datasetFor(shelf, config.dataset);
  const trainer = createTrainer(config, data, splitFor(data, config));
  try {
    await trainer.restore(resume);
  } finally {
    trainer.dispose();
  }
}

const splitFor = (data: ImageDataset, config: RunConfig) =>
  splitIndices(data.count, config.data.trainSize, config.data.testSize, config.data.splitSeed);

async function start(): Promise<Session> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner
  // One thread per worker: the CLI runs in parallel through workers, not inside wasm.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerCpuAndWasm();
  if (!(await tf.setBackend(setup.backend)) || tf.getBackend() !== setup.backend) {
    throw new Error(`the ${setup.backend} backend did not start`);
  }
  for (const [id, bytes] of Object.entries(setup.datasets) as [DatasetId, SharedArrayBuffer][]) {
    shelf.set(id, decodeMnist(new Uint8Array(bytes)));
  }
  return new Session(shelf, host);
}

const started = start();
started.then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'fatal', message: errorMessage(error) }),
);

port.on('message', (message: ToWorker) => {
  void started.then((s) => {
    switch (message.type) {
      case 'train':
        try {
          s.start([message.run]);
        } catch (error) {
          post({
            type: 'status',
            runId: message.run.id,
            status: 'failed',
            message: errorMessage(error),
          });
        }
        return;
      case 'stop':
        s.dispose();
        return;
      case 'save':
        save(message.config, message.at).then(
          () => post({ type: 'save-ended', error: null }),
          (error: unknown) => post({ type: 'save-ended', error: errorMessage(error) }),
        );
        return;
      case 'measure':
        measureCheckpoint(
          message.config,
          message.resume,
          message.batch,
          datasetFor(shelf, message.config.dataset),
          splitFor(datasetFor(shelf, message.config.dataset), message.config),
          () => performance.now(),
        ).then(
          (result) => post({ type: 'measured', result, error: null }),
          (error: unknown) => post({ type: 'measured', result: null, error: errorMessage(error) }),
        );
        return;
      case 'check':
        check(message.config, message.resume).then(
          () => post({ type: 'checked', error: null }),
          (error: unknown) => post({ type: 'checked', error: errorMessage(error) }),
        );
        return;
      default:
        assertNever(message);
    }
  });
});
