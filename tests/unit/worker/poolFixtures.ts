/** A pool of fake training workers for the pool tests: what each was sent, a way to speak or crash as it. */
import { afterEach, vi } from 'vitest';
import { WorkerPool } from '../../../src/page/workers/workerPool';
import type {
  Command,
  WorkerCommand,
  WorkerEvent,
  WorkerReply,
} from '../../../src/shared/workerProtocol';
import { runConfig } from '../../helpers/engine';

const DATA = new Uint8Array([1, 2, 3, 4]).buffer;
export const INIT: Command = {
  type: 'init',
  choice: 'auto',
  remembered: 'wasm',
  dataUrls: { mnist: 'x/mnist.bin', 'fashion-mnist': 'x/fashion.bin' },
};

/** One fake worker: what it was sent, and a way to speak or crash as it. */
export interface FakeWorker {
  sent: WorkerCommand[];
  transfers: Transferable[][];
  terminated: boolean;
  say(event: WorkerReply): void;
  crash(message: string): void;
}

/** Pools made by a test, ended after it (each pings on an interval). */
const made: WorkerPool[] = [];
afterEach(() => {
  made.splice(0).forEach((p) => p.terminate());
  vi.useRealTimers();
});

/** Bytes the fake fetch returns for the Fashion-MNIST URL. */
const FASHION_DATA = new Uint8Array([9, 8, 7]).buffer;

export function setUp({ cores = 4, canShare = true, fail = false, failFashion = false } = {}) {
  const workers: FakeWorker[] = [];
  /** The pool's clock, ms: tests move it. */
  const clock = { ms: 0 };
  const events: WorkerEvent[] = [];
  const fetched: string[] = [];
  const pool = new WorkerPool({
    cores,
    canShare,
    now: () => clock.ms,
    fetchDataset: async (url, label) => {
      fetched.push(url);
      const fashion = url === 'x/fashion.bin';
      if (fashion ? failFashion : fail) {
        throw new Error(`could not load the ${label} images from ${url} (HTTP 404)`);
      }
      return fashion ? FASHION_DATA.slice(0) : DATA;
    },
    spawn(onEvent, onCrash) {
      const w: FakeWorker = {
        sent: [],
        transfers: [],
        terminated: false,
        say: onEvent,
        crash: onCrash,
      };
      workers.push(w);
      return {
        post(command, transfer = []) {
          w.sent.push(command);
          w.transfers.push(transfer);
        },
        terminate() {
          w.terminated = true;
        },
      };
    },
  });
  made.push(pool);
  pool.subscribe((e) => events.push(e));
  /** Start the pool: init, the lead chooses wasm, every worker becomes ready. */
  async function boot(choice: Command = { type: 'workers', choice: 'auto' }) {
    pool.send(choice);
    pool.send(INIT);
    await Promise.resolve();
    await Promise.resolve();
    const lead = workers[0] as FakeWorker;
    lead.say({ type: 'dataset', images: 1, bytes: 4 });
    lead.say({
      type: 'backend',
      backend: 'wasm',
      via: 'remembered',
      probe: [],
      probeMs: 5,
      wasmThreads: false,
    });
    for (const w of workers) w.say({ type: 'phase', phase: 'ready' });
  }
  const runs = (...ids: string[]) => ids.map((id) => ({ id, config: runConfig() }));
  /** Which worker (index) was told to start each run. */
  const placement = () =>
    Object.fromEntries(
      workers.flatMap((w, i) =>
        w.sent.flatMap((c) => (c.type === 'start' ? c.runs.map((r) => [r.id, i]) : [])),
      ),
    );
  const last = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type).pop();
  return { pool, workers, events, fetched, boot, runs, placement, last, clock };
}
