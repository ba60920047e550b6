/**
 * The article's launches recovered from stored runs after a reload: each experiment's latest
 * launch (runs whose ids share its launch prefix, "<experiment>-<time>-<count>-<run key>"), so a
 * section finds its runs, charts and settings again. Pure; no React.
 */
import { EXPERIMENTS } from '../experiments/registry';
import type { RunView } from './runsSlice';

/** The launch prefix of an article run's id, or null when the id is not one. */
export function launchPrefix(run: Pick<RunView, 'id' | 'experimentId'>): string | null {
  const experiment = EXPERIMENTS[run.experimentId];
  if (!experiment) return null;
  const keys = experiment.plan(experiment.defaults).map((p) => p.key);
  // The longest key that ends the id: "noisy-batchnorm" also ends with "-batchnorm".
  const key = keys
    .filter((k) => run.id.startsWith(`${run.experimentId}-`) && run.id.endsWith(`-${k}`))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? null : run.id.slice(0, run.id.length - key.length - 1);
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
