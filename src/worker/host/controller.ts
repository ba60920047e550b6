/** Carries out the page's commands in the worker: start-up (data, backend), then the session. */
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
import type { SessionEvent } from '../../shared/runStatus';
import type { Command, WorkerEvent } from '../protocol';
import { loadBackends, registerBrowserBackends, wasmUsesThreads } from './backends';
import { softwareGpu } from './softwareGpu';
import { fetchMnist } from './dataset';
import { createWorkerHost } from './workerHost';

type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

const timer: ProbeTimer = {
  now: () => performance.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class WorkerController {
  private session: Session | null = null;
  /** Commands that arrived before start-up finished, replayed after it. */
  private readonly early: Command[] = [];
  private available: BackendName[] = [];
  /** True while a backend switch probes: runs may not start or resume until it ends. */
  private switching = false;

  constructor(private readonly post: Post) {}

  handle(command: Command): void {
    switch (command.type) {
      case 'init':
        void this.init(command);
        return;
      case 'setBackend':
        void this.switchBackend(command.choice);
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

  private forward(
    session: Session,
    command: Exclude<Command, { type: 'init' | 'setBackend' }>,
  ): void {
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

  private async init({ choice, remembered, dataUrl }: Extract<Command, { type: 'init' }>) {
    try {
      this.post({ type: 'phase', phase: 'loading-data' });
      const { data, bytes } = await fetchMnist(dataUrl);
      this.post({ type: 'dataset', images: data.count, bytes });
      this.available = registerBrowserBackends();
      this.post({ type: 'phase', phase: 'probing' });
      const wanted = choice === 'auto' ? remembered : choice;
      await this.selectBackend(wanted, choice === 'auto' ? 'remembered' : 'user');
      const host = createWorkerHost((event: SessionEvent, transfer) => this.post(event, transfer));
      this.session = new Session(data, host);
      this.post({ type: 'phase', phase: 'ready' });
      for (const command of this.early.splice(0)) this.handle(command);
    } catch (error) {
      this.post({ type: 'fatal', message: errorMessage(error) });
    }
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
