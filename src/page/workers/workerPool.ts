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
  WorkerCommand,
  WorkerEvent,
  WorkerReply,
  WorkersChoice,
} from '../../shared/workerProtocol';
import { handOutDigits, type DigitHandout } from './digits';
import { poolSize } from './poolSize';
import { errorMessage } from '../../shared/errorMessage';

/** One worker as the pool sees it. */
interface WorkerPort {
  post(command: WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
}

/** Start a worker whose events and crash (a message) reach the given callbacks. */
export type SpawnWorker = (
  onEvent: (event: WorkerReply) => void,
  onCrash: (message: string) => void,
) => WorkerPort;

export interface PoolOptions {
  spawn: SpawnWorker;
  /** Logical cores the browser reports (navigator.hardwareConcurrency). */
  cores: number;
  /** Fetch the digits file (the page does it once for every worker). */
  fetchDigits(url: string): Promise<ArrayBuffer>;
  /** Whether a SharedArrayBuffer may be posted (a cross-origin isolated page). */
  canShare: boolean;
  /** Milliseconds since some fixed moment (Date.now; tests pass their own). */
  now?: () => number;
}

/** Workers that crash before they are ready, one after another, before the pool gives up. */
export const MAX_FAILED_STARTS = 3;

/** How often the pool pings its ready workers, ms. */
export const PING_EVERY_MS = 5_000;

/**
 * Silence after which a ready worker counts as lost, ms: a worker that closed itself or hangs fires
 * no error event. Long enough for the slowest single step seen (a software-WebGL first step).
 */
export const SILENT_LIMIT_MS = 60_000;

interface Member {
  port: WorkerPort;
  /** Runs it trains that have not reached a final status. */
  runs: Set<string>;
  /** Its session is up (its 'ready' phase came). */
  ready: boolean;
  /** Takes no new runs; ends once its runs have. */
  retiring: boolean;
  /** When the oldest ping it has not answered was sent, ms (the pool's clock); null: none. */
  unansweredSince: number | null;
}

/**
 * A run on its way between workers: asked of `from`, counted in `to`'s runs (null once `to` is
 * lost: the next least loaded worker takes it). Commands about it wait in `held` until it lands.
 */
interface Move {
  from: Member;
  to: Member | null;
  held: RunCommand[];
}

export type PoolListener = (event: WorkerEvent) => void;

export class WorkerPool {
  private readonly listeners = new Set<PoolListener>();
  private members: Member[] = [];
  /** The worker that chose the backend and probes for a switch; its start-up events reach the page. */
  private lead: Member | null = null;
  private digits: DigitHandout | null = null;
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
  private readonly moving = new Map<string, Move>();
  /** Runs paused now: they take no time, so they count as no load and are not moved. */
  private readonly paused = new Set<string>();

  constructor(private readonly options: PoolOptions) {
    this.now = options.now ?? Date.now;
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
        const move = this.moving.get(command.runId);
        if (move) {
          move.held.push(command);
          return;
        }
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
    return this.moving.size;
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
      shared: this.digits?.shared ?? false,
    });
  }

  private async init(command: Extract<Command, { type: 'init' }>): Promise<void> {
    if (this.digits || this.loading) return;
    this.loading = true;
    this.emit({ type: 'phase', phase: 'loading-data' });
    let bytes: ArrayBuffer;
    try {
      bytes = await this.options.fetchDigits(command.dataUrl);
    } catch (error) {
      this.emit({ type: 'fatal', message: errorMessage(error) });
      return;
    }
    if (this.ended) return;
    this.digits = handOutDigits(bytes, this.options.canShare);
    this.pinger = setInterval(() => this.check(), PING_EVERY_MS);
    const lead = this.spawn();
    const { data, transfer } = this.digits.next();
    const { choice, remembered } = command;
    lead.port.post({ type: 'init', choice, remembered, data }, transfer);
    this.announceSize();
  }

  /** Start a worker; once a backend is chosen it joins with it at once. */
  private spawn(): Member {
    const member: Member = {
      runs: new Set(),
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
    if (this.backend && this.digits) {
      const { data, transfer } = this.digits.next();
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
    const shares = new Map<Member, typeof command.runs>();
    for (const run of command.runs) {
      const member = this.leastLoaded();
      if (!member) return;
      member.runs.add(run.id);
      shares.set(member, [...(shares.get(member) ?? []), run]);
    }
    for (const [member, runs] of shares) member.port.post({ type: 'start', runs });
  }

  /** The worker taking runs that holds the fewest unfinished ones (the first such on ties). */
  private leastLoaded(): Member | null {
    let best: Member | null = null;
    for (const m of this.members) {
      if (m.retiring) continue;
      if (!best || m.runs.size < best.runs.size) best = m;
    }
    return best;
  }

  /**
   * Every ready worker is pinged; one that has posted nothing for SILENT_LIMIT_MS since a ping is
   * lost like a crashed one. Silence counts from a ping, not from the last message, so a hidden tab
   * whose timers the browser slows to one a minute does not lose its idle workers. Workers still
   * starting are not judged: a crash then fires an error, and a probe may take long.
   */
  private check(): void {
    const now = this.now();
    for (const m of [...this.members]) {
      if (!m.ready) continue;
      const since = m.unansweredSince;
      if (since !== null && now - since >= SILENT_LIMIT_MS) {
        const seconds = Math.round((now - since) / 1000);
        this.lose(m, `the training worker stopped answering (nothing from it for ${seconds} s)`);
        continue;
      }
      m.unansweredSince ??= now;
      m.port.post({ type: 'ping' });
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
        if (event.status === 'paused') this.paused.add(event.runId);
        else this.paused.delete(event.runId);
        if (FINAL_STATUSES.has(event.status)) this.letGo(event.runId);
        this.emit(event);
        this.balance();
        return;
      case 'handedOff':
        this.landed(member, event.runId, event.run);
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
    this.moving.delete(runId);
    for (const m of [...this.members]) {
      if (m.runs.delete(runId) && m.retiring && m.runs.size === 0) this.remove(m);
    }
  }

  /** Running runs of a worker (paused ones take no time). */
  private active(member: Member): number {
    let n = 0;
    for (const id of member.runs) if (!this.paused.has(id)) n++;
    return n;
  }

  /**
   * Move running runs from the busiest worker to the idlest until no two workers differ by two or
   * more: one worker left with the last runs of a batch would train them alone on one core.
   */
  private balance(): void {
    if (this.switching || this.ended) return;
    for (;;) {
      let busiest: Member | null = null;
      let idlest: Member | null = null;
      for (const m of this.members) {
        if (!m.ready || m.retiring) continue;
        if (!busiest || this.active(m) > this.active(busiest)) busiest = m;
        if (!idlest || this.active(m) < this.active(idlest)) idlest = m;
      }
      if (!busiest || !idlest || this.active(busiest) - this.active(idlest) < 2) return;
      const runs = [...busiest.runs].reverse();
      const runId = runs.find((id) => !this.paused.has(id) && !this.moving.has(id));
      if (runId === undefined) return;
      busiest.runs.delete(runId);
      idlest.runs.add(runId);
      this.moving.set(runId, { from: busiest, to: idlest, held: [] });
      busiest.port.post({ type: 'handOff', runId });
    }
  }

  /** A worker answered a hand-off: start the run where it goes, or leave it where it is. */
  private landed(from: Member, runId: string, run: RunHandout | null): void {
    const move = this.moving.get(runId);
    if (!move || move.from !== from) return;
    this.moving.delete(runId);
    if (!run) {
      // It stays (paused meanwhile): back to the worker that trains it.
      move.to?.runs.delete(runId);
      from.runs.add(runId);
      for (const command of move.held) from.port.post(command);
      return;
    }
    const to = move.to ?? this.leastLoaded();
    if (!to) {
      this.emit({
        type: 'workerLost',
        runIds: [runId],
        message: 'the training worker it was moving to was lost',
        replaced: false,
      });
      return;
    }
    to.runs.add(runId);
    to.port.post({ type: 'start', runs: [run] });
    for (const command of move.held) to.port.post(command);
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
    // A run moving away from it is lost with it; one moving to it lands on another worker.
    const lost = new Set(member.runs);
    for (const [runId, move] of this.moving) {
      if (move.from === member) {
        this.moving.delete(runId);
        move.to?.runs.delete(runId);
        lost.add(runId);
      } else if (move.to === member) {
        move.to = null;
        lost.delete(runId);
      }
    }
    this.emit({ type: 'workerLost', runIds: [...lost], message: reason, replaced });
    for (const runId of lost) this.paused.delete(runId);
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

/** A placeholder port for the moment between creating a member and spawning its worker. */
const NO_PORT: WorkerPort = { post: () => {}, terminate: () => {} };
