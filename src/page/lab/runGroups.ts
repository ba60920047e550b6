/**
 * The lab's run list as data: runs gathered into seed groups in list order, a group's name, its
 * and the mean and spread of its members' numbers. Pure; no React.
 */
import type { RunView } from '../store/runView';

/** Runs shown together: the seeds of one launch, or a single run on its own. */
export interface RunGroup {
  /** The members' shared `group` (a single run's own id). */
  id: string;
  /** Member run ids in list order. */
  runIds: string[];
}

/**
 * Runs of `order` gathered by their `group`: a group sits where its first member sits, and keeps its
 * members in list order. Ids missing from `runs` are skipped.
 */
export function groupRuns(
  order: readonly string[],
  runs: Readonly<Record<string, Pick<RunView, 'group'> | undefined>>,
): RunGroup[] {
  const groups: RunGroup[] = [];
  const byId = new Map<string, RunGroup>();
  for (const runId of order) {
    const run = runs[runId];
    if (!run) continue;
    const found = byId.get(run.group);
    if (found) {
      found.runIds.push(runId);
    } else {
      const group = { id: run.group, runIds: [runId] };
      byId.set(run.group, group);
      groups.push(group);
    }
  }
  return groups;
}

/** Mean and spread of some numbers. */
export interface MeanAndSd {
  mean: number;
  /** Population standard deviation (over n, not n - 1, as the charts' seed bands): 0 for one value. */
  sd: number;
  /** How many values. */
  n: number;
}

/** Mean and population sd of `values`, or null when there are none. */
export function meanAndSd(values: readonly number[]): MeanAndSd | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(squares / n), n };
}

/** The " · seed 42" that the store appends to each seed's name. */
const SEED_SUFFIX = / · seed \d+$/;

/** A seed group's name: its first member's name without the " · seed N" suffix. */
export function groupName(labels: readonly string[]): string {
  return (labels[0] ?? '').replace(SEED_SUFFIX, '');
}
