/**
 * A pool of training workers behind the one client the store talks to. The first worker loads the
 * digits' format and chooses the backend (probing once per page); the others join with its choice.
 * Each run lives in one worker, the least loaded when it started; commands about a run go to it.
 * When runs end unevenly (a diverged run, a smaller run) and one worker has two or more running
 * runs more than another, one is moved: the busy worker checkpoints it at a step boundary and the
 * idle one goes on from there, step for step as it would have (checkpoints resume exactly).
 * A worker that crashes loses its own runs (the store keeps their points and makes them resumable
 * where a checkpoint allows) and a new one takes its place; the others go on.
 */
import { assertNever } from '../../shared/assertNever';
import type { BackendName } from '../../shared/backends';
import { FINAL_STATUSES } from '../../shared/runStatus';
import type {
  Command,
  RunCommand,
  RunHandout,
  WorkerEvent,
  WorkerReply,
  WorkersChoice,
} from '../../shared/workerProtocol';
import { DEFAULT_DATASET, type DatasetId } from '../../shared/datasets';
import { PoolDatasets } from './poolDatasets';
import { poolSize } from './poolSize';
import { PING_EVERY_MS, pingRound } from './poolLiveness';
import type { PoolListener, PoolOptions } from './poolOptions';
import { NO_PORT, shareOut, type Member } from './poolMembers';
import { RunMoves } from './poolMoves';
import { errorMessage } from '../../shared/errorMessage';

/** Workers that crash before they are ready, one after another, before the pool gives up. */
export const MAX_FAILED_STARTS = 3;

export class WorkerPool {
  private readonly listeners = new Set<PoolListener>();
  private members: Member[] = [];
  /** The worker that chose the backend and probes for a switch; its start-up events reach the page. */
  private lead: Member | null = null;
  private readonly datasets: PoolDatasets;
  /** Set once the default dataset is here and the lead has been started. */
  private started = false;
  private backend: BackendName | null = null;
  private choice: WorkersChoice = 'auto';
  private paceMs = 0;
  /** A backend switch is under way: new runs wait for it. */
  private switching = false;
  private held: RunCommand[] = [];
  private failedStarts = 0;
  private loading = false;
  private ended = false;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private readonly runMoves = new RunMoves((member, runs) => this.startOn(member, runs));

  constructor(private readonly options: PoolOptions) {
    this.now = options.now ?? Date.now;
    this.datasets = new PoolDatasets(options.fetchDataset, options.canShare);
  }

  subscribe(listener: PoolListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(command: Command): void {
    if (this.ended) return;
    switch (command.type) {
      case 'init':
        void this.init(command);
        return;
      case 'workers':
        this.resize(command.choice);
        return;
      case 'registerDataset':
      case 'forgetDataset':
        this.datasets.take(command, this.members);
        return;
      case 'setBackend':
        this.switchBackend(command);
        return;
      case 'pace':
        this.paceMs = command.msPerStep;
        for (const m of this.members) m.port.post(command);
        return;
      case 'start':
        this.start(command);
        return;
      case 'pause':
      case 'resume':
      case 'step':
      case 'stop': {
        if (this.runMoves.hold(command)) return;
        // A run no worker holds (it ended meanwhile) goes to the lead, whose session ignores it.
        const owner = this.members.find((m) => m.runs.has(command.runId)) ?? this.lead;
        owner?.port.post(command);
        return;
      }
      default:
        assertNever(command);
    }
  }

  terminate(): void {
    this.ended = true;
    if (this.pinger !== null) clearInterval(this.pinger);
    this.pinger = null;
    for (const m of this.members) m.port.terminate();
    this.members = [];
    this.lead = null;
  }

  /** Workers alive and taking runs. */
  get size(): number {
    return this.members.filter((m) => !m.retiring).length;
  }

  /** Runs on their way between workers now (for tests). */
  get moves(): number {
    return this.runMoves.size;
  }

  /** How many unfinished runs each worker holds, in pool order (for tests and the bench). */
  get loads(): number[] {
    return this.members.map((m) => m.runs.size);
  }

  private emit(event: WorkerEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }

  private target(): number {
    return poolSize(this.choice, this.options.cores);
  }

  private announceSize(): void {
    this.emit({
      type: 'workers',
      count: this.size,
      choice: this.choice,
      cores: this.options.cores,
      auto: poolSize('auto', this.options.cores),
      shared: this.datasets.shared,
    });
  }

  private async init(command: Extract<Command, { type: 'init' }>): Promise<void> {
    if (this.started || this.loading) return;
    this.loading = true;
    this.datasets.urls = command.dataUrls;
    this.emit({ type: 'phase', phase: 'loading-data' });
    try {
      await this.datasets.load(DEFAULT_DATASET, command.dataUrls[DEFAULT_DATASET]);
    } catch (error) {
      this.emit({ type: 'fatal', message: errorMessage(error) });
      return;
    }
    if (this.ended) return;
    this.started = true;
    this.pinger = setInterval(() => this.check(), PING_EVERY_MS);
    const lead = this.spawn();
    const { data, transfer } = this.datasets.next(DEFAULT_DATASET);
    const { choice, remembered } = command;
    lead.port.post({ type: 'init', choice, remembered, data }, transfer);
    this.announceSize();
  }

  /** Start a worker; once a backend is chosen it joins with it at once. */
  private spawn(): Member {
    const member: Member = {
      runs: new Set(),
      datasets: new Set([DEFAULT_DATASET]),
      ready: false,
      retiring: false,
      port: NO_PORT,
      unansweredSince: null,
    };
    member.port = this.options.spawn(
      (event) => this.receive(member, event),
      (message) => this.lose(member, `the training worker crashed: ${message}`),
    );
    this.members.push(member);
    this.lead ??= member;
    if (this.backend && this.started) {
      const { data, transfer } = this.datasets.next(DEFAULT_DATASET);
      member.port.post({ type: 'join', backend: this.backend, data }, transfer);
    }
    if (this.paceMs > 0) member.port.post({ type: 'pace', msPerStep: this.paceMs });
    return member;
  }

  /** Start or retire workers until `size` take runs (only once the backend is chosen). */
  private fill(): void {
    if (!this.backend || this.ended) return;
    const wanted = this.target();
    while (this.size < wanted) {
      // A retiring worker is taken back before a new one starts.
      const back = this.members.find((m) => m.retiring);
      if (back) back.retiring = false;
      else this.spawn();
    }
    for (const m of [...this.members].reverse()) {
      if (this.size <= wanted) break;
      if (m === this.lead || m.retiring) continue;
      m.retiring = true;
      if (m.runs.size === 0) this.remove(m);
    }
    this.announceSize();
  }

  private resize(choice: WorkersChoice): void {
    this.choice = choice;
    if (this.backend) this.fill();
    else this.announceSize();
  }

  private switchBackend(command: Extract<Command, { type: 'setBackend' }>): void {
    if (!this.lead) return;
    const busy = this.switching
      ? 'a backend switch is already under way'
      : this.members.some((m) => m.runs.size > 0)
        ? 'stop the unfinished runs (paused ones too) before switching backend'
        : null;
    if (busy) {
      this.emit({ type: 'rejected', command: 'setBackend', message: busy });
      return;
    }
    this.switching = true;
    this.lead.port.post(command);
  }

  private start(command: Extract<RunCommand, { type: 'start' }>): void {
    if (this.switching || !this.lead?.ready) {
      this.held.push(command);
      return;
    }
    const missing = this.datasets.missing(command.runs);
    if (missing.length > 0) {
      void this.startAfterLoading(command, missing);
      return;
    }
    for (const [member, runs] of shareOut(this.members, command.runs)) {
      this.startOn(member, runs);
    }
  }

  /** Fetch the datasets new runs need, then start them; runs on one that cannot be had fail. */
  private async startAfterLoading(
    command: Extract<RunCommand, { type: 'start' }>,
    missing: DatasetId[],
  ): Promise<void> {
    const failed = await this.datasets.fetchMissing(missing);
    if (this.ended) return;
    const runs = command.runs.filter((run) => {
      const message = failed.get(run.config.dataset);
      if (message !== undefined)
        this.emit({ type: 'status', runId: run.id, status: 'failed', message });
      return message === undefined;
    });
    if (runs.length > 0) this.start({ type: 'start', runs });
  }

  /** Post a start of `runs` to `member`, the datasets they need and it lacks first. */
  private startOn(member: Member, runs: RunHandout[]): void {
    this.datasets.supply(member, runs);
    member.port.post({ type: 'start', runs });
  }

  /** Ping the ready workers; lose those silent too long (see pingRound). */
  private check(): void {
    const now = this.now();
    const { silent, ping } = pingRound(this.members, now);
    for (const { member, reason } of silent) this.lose(member, reason);
    for (const member of ping) {
      member.unansweredSince ??= now;
      member.port.post({ type: 'ping' });
    }
  }

  private receive(member: Member, event: WorkerReply): void {
    if (!this.members.includes(member)) return; // a removed worker's last words
    member.unansweredSince = null;
    const fromLead = member === this.lead;
    switch (event.type) {
      case 'alive':
        return;
      case 'phase':
        if (event.phase === 'ready') this.ready(member);
        if (fromLead) this.emit(event);
        return;
      case 'dataset':
        if (fromLead) this.emit(event);
        return;
      case 'backend':
        if (!fromLead) return;
        this.chose(event.backend);
        this.emit(event);
        return;
      case 'fatal':
        // Before any backend is chosen the page cannot train at all; later, one worker is lost.
        if (fromLead && !this.backend) {
          this.emit(event);
          this.terminate();
        } else this.lose(member, event.message);
        return;
      case 'status':
        this.runMoves.status(event.runId, event.status);
        if (FINAL_STATUSES.has(event.status)) this.letGo(event.runId);
        this.emit(event);
        this.balance();
        return;
      case 'handedOff':
        if (!this.runMoves.land(member, event.runId, event.run, this.members)) {
          const message = 'the training worker it was moving to was lost';
          this.emit({ type: 'workerLost', runIds: [event.runId], message, replaced: false });
        }
        return;
      case 'rejected':
      case 'metrics':
      case 'checkpoint':
        this.emit(event);
        return;
      case 'workers':
      case 'workerLost':
        return; // the pool's own events; no worker sends them
      default:
        assertNever(event);
    }
  }

  /** A run reached a final status: no worker holds it any more. */
  private letGo(runId: string): void {
    for (const m of [...this.members]) {
      if (m.runs.delete(runId) && m.retiring && m.runs.size === 0) this.remove(m);
    }
  }

  /** Even out the workers' loads by moving runs (none during a backend switch). */
  private balance(): void {
    if (!this.switching && !this.ended) this.runMoves.balance(this.members);
  }

  private ready(member: Member): void {
    member.ready = true;
    this.failedStarts = 0;
    // A worker that joins (a bigger pool, a replacement) takes its share of the running runs.
    this.balance();
    if (member !== this.lead) return;
    // The lead is up (or done switching): runs that waited start now.
    this.switching = false;
    for (const command of this.held.splice(0)) this.send(command);
  }

  /** The lead chose (or switched to) `backend`: the others follow, and the pool fills up. */
  private chose(backend: BackendName): void {
    const first = this.backend === null;
    this.backend = backend;
    if (first) {
      this.fill();
      return;
    }
    for (const m of this.members) if (m !== this.lead) m.port.post({ type: 'adopt', backend });
  }

  /** A worker crashed or cannot go on: its runs fail, a new worker takes its place. */
  private lose(member: Member, reason: string): void {
    if (!this.members.includes(member)) return;
    if (!member.ready) this.failedStarts += 1;
    // Replaced unless the pool is giving up (no backend yet, or too many failed starts in a row).
    const replaced = !this.ended && this.backend !== null && this.failedStarts < MAX_FAILED_STARTS;
    const lost = this.runMoves.detach(member);
    this.emit({ type: 'workerLost', runIds: [...lost], message: reason, replaced });
    member.runs.clear();
    this.remove(member);
    if (this.ended) return;
    if (!this.lead && !this.backend) {
      this.emit({ type: 'fatal', message: reason });
      this.terminate();
      return;
    }
    if (this.failedStarts >= MAX_FAILED_STARTS) {
      if (this.members.length === 0) {
        this.emit({
          type: 'fatal',
          message: `${MAX_FAILED_STARTS} training workers in a row crashed while starting: ${reason}`,
        });
        this.terminate();
      } else this.announceSize();
      return;
    }
    this.fill();
  }

  /** Terminate a worker and forget it; the lead's duties pass to the next. */
  private remove(member: Member): void {
    member.port.terminate();
    this.members = this.members.filter((m) => m !== member);
    if (this.lead === member) this.lead = this.members.find((m) => !m.retiring) ?? null;
    this.announceSize();
  }
}
