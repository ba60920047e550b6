/**
 * Carries out the client's commands in one worker: start-up (data, backend), then the session.
 * The pool's first worker chooses the backend; the others join with its choice, unprobed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { chooseFastestBackend, probeBackend, type ProbeTimer } from '../../engine/backend/probe';
import { Session } from '../../engine/train/session';
import { assertNever } from '../../shared/assertNever';
import {
  BACKENDS,
  type BackendChoice,
  type BackendName,
  type ProbeResult,
} from '../../shared/backends';
import { datasetLabel, DEFAULT_DATASET, type DatasetId } from '../../shared/datasets';
import type { SessionEvent } from '../../shared/runStatus';
import { decodeMnist, type ImageDataset } from '../../shared/imageBinary';
import type {
  RunCommand,
  RunHandout,
  WorkerCommand,
  WorkerReply,
} from '../../shared/workerProtocol';
import { loadBackends, registerBrowserBackends, wasmUsesThreads } from './backends';
import { softwareGpu } from './softwareGpu';
import { createWorkerHost } from './workerHost';
import { errorMessage } from '../../shared/errorMessage';

type Post = (event: WorkerReply, transfer?: Transferable[]) => void;

const timer: ProbeTimer = {
  now: () => performance.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class WorkerController {
  private session: Session | null = null;
  /** Commands that arrived before start-up finished, replayed after it. */
  private readonly early: RunCommand[] = [];
  private available: BackendName[] = [];
  /** The image sets this worker holds; the session reads them, addDataset adds to them. */
  private readonly datasets = new Map<DatasetId, ImageDataset>();
  /** True while a backend switch probes: runs may not start or resume until it ends. */
  private switching = false;

  constructor(private readonly post: Post) {}

  handle(command: WorkerCommand): void {
    switch (command.type) {
      case 'init':
        void this.init(command);
        return;
      case 'join':
        void this.join(command);
        return;
      case 'setBackend':
        void this.switchBackend(command.choice);
        return;
      case 'adopt':
        void this.adopt(command.backend);
        return;
      case 'ping':
        this.post({ type: 'alive' });
        return;
      case 'addDataset':
        this.addDataset(command);
        return;
      case 'forgetDataset':
        this.datasets.delete(command.dataset);
        return;
      case 'handOff':
        void this.handOff(command.runId);
        return;
      case 'start':
      case 'pause':
      case 'resume':
      case 'step':
      case 'pace':
      case 'stop':
        if (this.session && !this.switching) this.forward(this.session, command);
        else this.early.push(command);
        return;
      default:
        assertNever(command);
    }
  }

  /**
   * Give a run up to the pool, to be moved to another worker; it stays (the answer is null) when
   * the session is not up, is switching backend, or cannot let it go (paused, ended, failed read).
   */
  private async handOff(runId: string): Promise<void> {
    let run: RunHandout | null = null;
    if (this.session && !this.switching) {
      try {
        run = await this.session.handOff(runId);
      } catch (error) {
        console.warn(`run ${runId} stays in this worker: ${errorMessage(error)}`);
      }
    }
    this.post({ type: 'handedOff', runId, run });
  }

  private forward(session: Session, command: RunCommand): void {
    try {
      switch (command.type) {
        case 'start':
          session.start(command.runs);
          return;
        case 'pause':
          session.pause(command.runId);
          return;
        case 'resume':
          session.resume(command.runId);
          return;
        case 'step':
          session.step(command.runId);
          return;
        case 'pace':
          session.setPace(command.msPerStep);
          return;
        case 'stop':
          session.stop(command.runId);
          return;
        default:
          assertNever(command);
      }
    } catch (error) {
      this.post({ type: 'rejected', command: command.type, message: errorMessage(error) });
    }
  }

  /**
   * Decode one more dataset. A file that does not decode fails no run here: a run that needs it
   * fails when it would start, with the reason, and the worker goes on.
   */
  private addDataset({ dataset, data }: Extract<WorkerCommand, { type: 'addDataset' }>): void {
    try {
      this.datasets.set(dataset, decodeMnist(new Uint8Array(data)));
    } catch (error) {
      this.post({
        type: 'rejected',
        command: 'start',
        message: `the ${datasetLabel(dataset)} file is unreadable: ${errorMessage(error)}`,
      });
    }
  }

  private async init({ choice, remembered, data }: Extract<WorkerCommand, { type: 'init' }>) {
    try {
      this.post({ type: 'phase', phase: 'loading-data' });
      const dataset = decodeMnist(new Uint8Array(data));
      this.post({ type: 'dataset', images: dataset.count, bytes: data.byteLength });
      this.available = registerBrowserBackends();
      this.post({ type: 'phase', phase: 'probing' });
      const wanted = choice === 'auto' ? remembered : choice;
      await this.selectBackend(wanted, choice === 'auto' ? 'remembered' : 'user');
      this.datasets.set(DEFAULT_DATASET, dataset);
      this.begin();
    } catch (error) {
      this.post({ type: 'fatal', message: errorMessage(error) });
    }
  }

  /** Start as one more worker of the pool: the first one's backend, no probe. */
  private async join({ backend, data }: Extract<WorkerCommand, { type: 'join' }>) {
    try {
      const dataset = decodeMnist(new Uint8Array(data));
      this.available = registerBrowserBackends();
      await this.use(backend);
      this.datasets.set(DEFAULT_DATASET, dataset);
      this.begin();
    } catch (error) {
      this.post({ type: 'fatal', message: errorMessage(error) });
    }
  }

  /** Switch to `backend` (the first worker's new choice) without probing it. */
  private async adopt(backend: BackendName): Promise<void> {
    this.switching = true;
    try {
      await this.use(backend);
    } catch (error) {
      this.post({ type: 'fatal', message: errorMessage(error) });
      return;
    }
    this.switching = false;
    for (const command of this.early.splice(0)) this.handle(command);
  }

  /** Load and set `backend`; throws when it cannot be set here. */
  private async use(backend: BackendName): Promise<void> {
    this.available = await loadBackends([backend]);
    if (!this.available.includes(backend) || !(await tf.setBackend(backend))) {
      throw new Error(`the ${backend} backend the first worker chose does not start in this one`);
    }
  }

  /** The session starts: commands that waited for it are carried out. */
  private begin(): void {
    const host = createWorkerHost((event: SessionEvent, transfer) => this.post(event, transfer));
    this.session = new Session(this.datasets, host);
    this.post({ type: 'phase', phase: 'ready' });
    for (const command of this.early.splice(0)) this.handle(command);
  }

  /**
   * Use `wanted` if it works, else probe all and take the fastest. A backend the user forced is kept
   * however slow it is; only one that is unavailable or fails falls back, with a notice saying why.
   */
  private async selectBackend(
    wanted: BackendName | null,
    via: 'remembered' | 'user',
  ): Promise<void> {
    const results: ProbeResult[] = [];
    const started = timer.now();
    if (wanted) this.available = await loadBackends([wanted]);
    if (wanted && this.available.includes(wanted)) {
      const forced = via === 'user';
      const result = await probeBackend(wanted, timer, forced ? Infinity : undefined);
      results.push(result);
      if (result.outcome === 'ok') {
        await this.announce(wanted, via, results, timer.now() - started);
        return;
      }
      if (forced) {
        this.post({
          type: 'rejected',
          command: 'setBackend',
          message: `${wanted} cannot train here (${result.outcome}: ${result.message ?? ''}); using the fastest backend that can`,
        });
      }
    }
    // Software GPU backends are not worth the probe's time: say why, and never load them.
    for (const gpu of ['webgpu', 'webgl'] as const) {
      if (results.some((r) => r.backend === gpu)) continue;
      const why = await softwareGpu(gpu);
      if (why)
        results.push({ backend: gpu, outcome: 'skipped', message: `${why}; force it in the menu` });
    }
    this.available = await loadBackends(
      BACKENDS.filter((b) => !results.some((r) => r.backend === b)),
    );
    const probed = await chooseFastestBackend(this.available, timer, results);
    await this.announce(probed.backend, 'probe', probed.results, timer.now() - started);
  }

  private async announce(
    backend: BackendName,
    via: 'probe' | 'remembered' | 'user',
    probe: ProbeResult[],
    probeMs: number,
  ) {
    await tf.setBackend(backend);
    const wasmThreads = await wasmUsesThreads();
    this.post({ type: 'backend', backend, via, probe, probeMs, wasmThreads });
  }

  private async switchBackend(choice: BackendChoice): Promise<void> {
    if (this.session?.unfinished || this.switching) {
      this.post({
        type: 'rejected',
        command: 'setBackend',
        message: 'stop the unfinished runs (paused ones too) before switching backend',
      });
      return;
    }
    this.switching = true;
    this.post({ type: 'phase', phase: 'probing' });
    try {
      await this.selectBackend(choice === 'auto' ? null : choice, 'user');
    } catch (error) {
      this.post({ type: 'rejected', command: 'setBackend', message: errorMessage(error) });
    }
    this.switching = false;
    this.post({ type: 'phase', phase: 'ready' });
    for (const command of this.early.splice(0)) this.handle(command);
  }
}
