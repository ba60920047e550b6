/**
 * Runs on their way between workers. When runs end unevenly, a worker with two or more running
 * runs more than another hands one over: it checkpoints the run at a step boundary and the idle
 * worker goes on from there, step for step as it would have (checkpoints resume exactly).
 */
import { FINAL_STATUSES, type RunStatus } from '../../shared/runStatus';
import type { RunCommand, RunHandout } from '../../shared/workerProtocol';
import { leastLoaded, type Member } from './poolMembers';

/**
 * A run on its way: asked of `from`, counted in `to`'s runs (null once `to` is lost: the next
 * least loaded worker takes it). Commands about it wait in `held` until it lands.
 */
interface Move {
  from: Member;
  to: Member | null;
  held: RunCommand[];
}

/** A command about one run (all but 'start'). */
type OneRunCommand = Extract<RunCommand, { runId: string }>;

/** Post a 'start' of these runs to a worker (with any dataset it lacks first). */
type StartOn = (member: Member, runs: RunHandout[]) => void;

export class RunMoves {
  constructor(private readonly startOn: StartOn) {}

  private readonly moving = new Map<string, Move>();
  /** Runs paused now: they take no time, so they count as no load and are not moved. */
  private readonly paused = new Set<string>();

  /** Runs on their way now. */
  get size(): number {
    return this.moving.size;
  }

  /** Keep a command about a run on its way until it lands; false when the run is not moving. */
  hold(command: OneRunCommand): boolean {
    const move = this.moving.get(command.runId);
    move?.held.push(command);
    return move !== undefined;
  }

  /** A run's new status: a paused run counts no load; an ended one moves no more. */
  status(runId: string, status: RunStatus): void {
    if (status === 'paused') this.paused.add(runId);
    else this.paused.delete(runId);
    if (FINAL_STATUSES.has(status)) this.moving.delete(runId);
  }

  /**
   * Move running runs from the busiest ready worker to the idlest until no two differ by two or
   * more (one worker left with the last runs of a batch would train them alone on one core): the
   * busiest's newest run that is neither paused nor moving is counted in the idlest at once, and
   * the busiest is asked to hand it over.
   */
  balance(members: readonly Member[]): void {
    for (;;) {
      let busiest: Member | null = null;
      let idlest: Member | null = null;
      for (const m of members) {
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

  /**
   * `from` answered the hand-off of `runId`: the run starts where it goes with the commands held
   * for it, or stays (null: paused meanwhile) and gets them there. False when it had nowhere to go
   * (every other worker lost meanwhile): the run is lost.
   */
  land(from: Member, runId: string, run: RunHandout | null, members: readonly Member[]): boolean {
    const move = this.moving.get(runId);
    if (!move || move.from !== from) return true;
    this.moving.delete(runId);
    if (!run) {
      move.to?.runs.delete(runId);
      from.runs.add(runId);
      for (const command of move.held) from.port.post(command);
      return true;
    }
    const to = move.to ?? leastLoaded(members);
    if (!to) return false;
    to.runs.add(runId);
    this.startOn(to, [run]);
    for (const command of move.held) to.port.post(command);
    return true;
  }

  /**
   * The runs lost with a worker that is gone: its own and those moving away from it (their moves
   * dropped); a run moving to it stays on its way with no destination, to land on another.
   */
  detach(member: Member): Set<string> {
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
    for (const runId of lost) this.paused.delete(runId);
    return lost;
  }

  /** Running runs of a worker (paused ones take no time). */
  private active(member: Member): number {
    let n = 0;
    for (const id of member.runs) if (!this.paused.has(id)) n++;
    return n;
  }
}
