/**
 * The page's training client wires real Web Workers into the pool: the worker module it starts, and
 * a crash or an unreadable message reaching the pool as the loss of that worker, with a new worker
 * in its place. (The pool's own handling of losses is tested in workerPool.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTrainingClient, type TrainingClient } from '../../../src/page/workers/client';
import type { Command, WorkerEvent, WorkerReply } from '../../../src/shared/workerProtocol';

/** A stand-in for the browser's Worker: what it was given, and its handlers to fire. */
class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onerror: ((error: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly sent: unknown[] = [];
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: { type: string; name: string },
  ) {
    FakeWorker.made.push(this);
  }

  postMessage(command: unknown): void {
    this.sent.push(command);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const INIT: Command = {
  type: 'init',
  choice: 'auto',
  remembered: 'wasm',
  dataUrls: { mnist: 'x/mnist.bin', 'fashion-mnist': 'x/fashion.bin' },
};

let client: TrainingClient | null = null;
afterEach(() => {
  client?.terminate();
  client = null;
  FakeWorker.made = [];
  vi.unstubAllGlobals();
});

/** A client over fake workers and a fetch that serves four bytes of digits. */
async function started(): Promise<WorkerEvent[]> {
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
  vi.stubGlobal('fetch', async () => new Response(new Uint8Array([1, 2, 3, 4])));
  client = createTrainingClient();
  const events: WorkerEvent[] = [];
  client.subscribe((e) => events.push(e));
  client.send({ type: 'workers', choice: 1 });
  client.send(INIT);
  await vi.waitFor(() => expect(FakeWorker.made).toHaveLength(1));
  // The lead loads the digits, chooses a backend and is ready: its messages reach the pool.
  const say = (data: WorkerReply) => newest().onmessage?.({ data });
  say({ type: 'dataset', images: 1, bytes: 4 });
  say({
    type: 'backend',
    backend: 'wasm',
    via: 'remembered',
    probe: [],
    probeMs: 5,
    wasmThreads: false,
  });
  say({ type: 'phase', phase: 'ready' });
  expect(events).toContainEqual(expect.objectContaining({ type: 'backend', backend: 'wasm' }));
  return events;
}

/** The newest fake worker. */
function newest(): FakeWorker {
  const worker = FakeWorker.made.at(-1);
  if (!worker) throw new Error('no worker was started');
  return worker;
}

describe('the training client', () => {
  it('starts the training worker module as a named module worker, and passes its messages on', async () => {
    await started();
    expect(newest().url.pathname).toMatch(/\/src\/worker\/training\.worker\.ts$/);
    expect(newest().options).toEqual({ type: 'module', name: 'training' });
  });

  it("reports a worker's error as its loss with the reason, keeps it from the console, and replaces it", async () => {
    const events = await started();
    const first = newest();
    const preventDefault = vi.fn();
    first.onerror?.({ message: 'out of memory', preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'workerLost',
        message: 'the training worker crashed: out of memory',
        replaced: true,
      }),
    );
    expect(first.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('reports an error without a message, and a message it cannot read, as losses too', async () => {
    const events = await started();
    newest().onerror?.({ message: '', preventDefault: () => undefined });
    newest().onmessageerror?.();
    const lost = events.filter((e) => e.type === 'workerLost').map((e) => e.message);
    expect(lost).toEqual([
      'the training worker crashed: unknown error',
      'the training worker crashed: a message from it could not be read',
    ]);
  });
});
