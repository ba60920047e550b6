/**
 * The article's launches recovered from stored runs after a reload: each experiment's latest
 * launch (runs whose ids share its launch prefix, "<experiment>-<time>-<count>-<run key>"), so a
 * section finds its runs, charts and settings again. Pure; no React.
 */
import { EXPERIMENTS } from '../../experiments/registry';
import type { RunView } from './runView';

/** "<launch time in base 36>-<launch count>-", what follows the experiment id in a launch prefix. */
const LAUNCH_STAMP = /^([0-9a-z]+)-([0-9]+)-./;

/** The launch prefix of an article run's id, or null when the id is not one. */
export function launchPrefix(run: Pick<RunView, 'id' | 'experimentId'>): string | null {
  if (!EXPERIMENTS[run.experimentId] || !run.id.startsWith(`${run.experimentId}-`)) return null;
  const stamp = LAUNCH_STAMP.exec(run.id.slice(run.experimentId.length + 1));
  return stamp ? `${run.experimentId}-${stamp[1]}-${stamp[2]}` : null;
}

/**
 * Per experiment, the ids of its latest launch among `runs` (in list order, oldest first);
 * imported runs and lab runs are never a launch.
 */
export function restoredLaunches(runs: readonly RunView[]): Record<string, string[]> {
  const latest = new Map<string, string>();
  for (const run of runs) {
    if (run.imported) continue;
    const prefix = launchPrefix(run);
    if (prefix) latest.set(run.experimentId, prefix);
  }
  const launches: Record<string, string[]> = {};
  for (const [experimentId, prefix] of latest) {
    launches[experimentId] = runs
      .filter((r) => !r.imported && r.experimentId === experimentId && launchPrefix(r) === prefix)
      .map((r) => r.id);
  }
  return launches;
}
