import { expect, it } from 'vitest';
import { datasetBytes, runConfig } from '../../helpers/engine';
import { WorkerController } from '../../../src/worker/host/controller';
import type { WorkerReply } from '../../../src/shared/workerProtocol';

it('answers the pool’s ping at once, before any data or backend (a worker still there says so)', () => {
  const posted: WorkerReply[] = [];
  const controller = new WorkerController((event) => posted.push(event));
  controller.handle({ type: 'ping' });
  controller.handle({ type: 'ping' });
  expect(posted).toEqual([{ type: 'alive' }, { type: 'alive' }]);
});

it('carries out run commands sent before start-up once it is up; a hand-off answers null before then, the run and its state after', async () => {
  const posted: WorkerReply[] = [];
  const controller = new WorkerController((event) => posted.push(event));
  controller.handle({ type: 'handOff', runId: 'early' });
  const config = runConfig({
    task: 'deep-linear',
    steps: 3,
    batchSize: 50,
    learningRate: 0.003,
    deepLinear: { depth: 2, width: 3, samples: 100, dataSeed: 1 },
  });
  controller.handle({ type: 'start', runs: [{ id: 'r', config }] });
  const bytes = datasetBytes('mnist');
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  controller.handle({ type: 'join', backend: 'cpu', data });
  const statuses = () =>
    posted.flatMap((e) => (e.type === 'status' && e.runId === 'r' ? [e.status] : []));
  for (let i = 0; i < 2000 && !statuses().includes('completed'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(posted[0]).toEqual({ type: 'handedOff', runId: 'early', run: null });
  expect(posted.findIndex((e) => e.type === 'phase' && e.phase === 'ready')).toBeLessThan(
    posted.findIndex((e) => e.type === 'status'),
  );
  expect(statuses()).toEqual(['queued', 'running', 'completed']);

  // Up and training: a hand-off answers with the run's state, and the run leaves without a status.
  controller.handle({
    type: 'start',
    runs: [{ id: 'long', config: { ...config, steps: 100_000 } }],
  });
  const progressed = () =>
    posted.some((e) => e.type === 'metrics' && e.progress.some((p) => p.runId === 'long'));
  for (let i = 0; i < 2000 && !progressed(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  controller.handle({ type: 'handOff', runId: 'long' });
  const handed = () =>
    posted.find(
      (e): e is Extract<WorkerReply, { type: 'handedOff' }> =>
        e.type === 'handedOff' && e.runId === 'long',
    );
  for (let i = 0; i < 2000 && !handed(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(handed()?.run?.resume?.step).toBeGreaterThan(0);
  expect(handed()?.run?.moved?.deadWindow).toEqual([]);
  const after = posted.length;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(posted.slice(after).filter((e) => e.type === 'status' || e.type === 'metrics')).toEqual(
    [],
  );
});

it('trains a run on a dataset it was sent after start-up; a run on one it could not read fails with the reason, and the worker goes on', async () => {
  const posted: WorkerReply[] = [];
  const controller = new WorkerController((event) => posted.push(event));
  const copy = (bytes: Uint8Array) =>
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  controller.handle({ type: 'join', backend: 'cpu', data: copy(datasetBytes('mnist')) });
  const statuses = (id: string) =>
    posted.flatMap((e) => (e.type === 'status' && e.runId === id ? [e.status] : []));
  const ended = (id: string) =>
    statuses(id).some((s) => s === 'completed' || s === 'failed' || s === 'diverged');
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 4000 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  };
  const small = {
    steps: 2,
    evalEvery: 2,
    evalSize: 20,
    data: { trainSize: 40, testSize: 20, splitSeed: 0 },
  };
  // A corrupt file: its message, and the run on it fails saying the images are not there.
  controller.handle({ type: 'addDataset', dataset: 'fashion-mnist', data: new ArrayBuffer(10) });
  controller.handle({
    type: 'start',
    runs: [{ id: 'bad', config: runConfig({ ...small, dataset: 'fashion-mnist' }) }],
  });
  await until(() => ended('bad'));
  expect(posted).toContainEqual({
    type: 'rejected',
    command: 'start',
    message:
      'the Fashion-MNIST file is unreadable: image file too short: 10 bytes, a header needs 24',
  });
  expect(posted).toContainEqual({
    type: 'status',
    runId: 'bad',
    status: 'failed',
    message: 'the Fashion-MNIST images are not loaded in this worker',
  });
  // The real file: the next run trains on it to the end.
  controller.handle({
    type: 'addDataset',
    dataset: 'fashion-mnist',
    data: copy(datasetBytes('fashion-mnist')),
  });
  controller.handle({
    type: 'start',
    runs: [{ id: 'good', config: runConfig({ ...small, dataset: 'fashion-mnist' }) }],
  });
  await until(() => ended('good'));
  expect(statuses('good')).toEqual(['queued', 'running', 'completed']);
  // Forgotten (a deleted dataset): its images are gone, a run on it fails saying so.
  controller.handle({ type: 'forgetDataset', dataset: 'fashion-mnist' });
  controller.handle({
    type: 'start',
    runs: [{ id: 'after', config: runConfig({ ...small, dataset: 'fashion-mnist' }) }],
  });
  await until(() => ended('after'));
  expect(statuses('after')).toEqual(['queued', 'failed']);
});
