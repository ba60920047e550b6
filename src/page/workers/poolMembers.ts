/**
 * The pool's workers as it sees them, and which of them takes a new run. Pure; no Worker, no
 * timers.
 */
import type { DatasetId } from '../../shared/datasets';
import type { RunHandout, WorkerCommand } from '../../shared/workerProtocol';

/** One worker as the pool sees it. */
export interface WorkerPort {
  post(command: WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
}

/** A placeholder port for the moment between creating a member and spawning its worker. */
export const NO_PORT: WorkerPort = { post: () => {}, terminate: () => {} };

export interface Member {
  port: WorkerPort;
  /** Runs it trains that have not reached a final status. */
  runs: Set<string>;
  /** Datasets it has been sent (the default one with init or join). */
  datasets: Set<DatasetId>;
  /** Its session is up (its 'ready' phase came). */
  ready: boolean;
  /** Takes no new runs; ends once its runs have. */
  retiring: boolean;
  /** When the oldest ping it has not answered was sent, ms (the pool's clock); null: none. */
  unansweredSince: number | null;
}

/** The worker taking runs that holds the fewest unfinished ones (the first such on ties). */
export function leastLoaded(members: readonly Member[]): Member | null {
  let best: Member | null = null;
  for (const m of members) {
    if (m.retiring) continue;
    if (!best || m.runs.size < best.runs.size) best = m;
  }
  return best;
}

/**
 * New runs shared out one by one, each to the least loaded worker at that moment (counted in its
 * runs at once); none when no worker takes runs.
 */
export function shareOut(
  members: readonly Member[],
  runs: readonly RunHandout[],
): Map<Member, RunHandout[]> {
  const shares = new Map<Member, RunHandout[]>();
  for (const run of runs) {
    const member = leastLoaded(members);
    if (!member) return new Map();
    member.runs.add(run.id);
    shares.set(member, [...(shares.get(member) ?? []), run]);
  }
  return shares;
}
