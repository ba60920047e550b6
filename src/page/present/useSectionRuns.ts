/** The runs of a section's experiments, and what presentation mode does with them. */
import { useCallback } from 'react';
import { FINAL_STATUSES } from '../../shared/runStatus';
import { useLab, useLabStore } from '../store/LabContext';

export function useSectionRuns(experimentIds: readonly string[]) {
  const store = useLabStore();
  const pauseRun = useLab((s) => s.pauseRun);
  const resumeRun = useLab((s) => s.resumeRun);
  const stepRun = useLab((s) => s.stepRun);
  const deleteRun = useLab((s) => s.deleteRun);
  /** Ids and statuses of the section's runs now. */
  const current = useCallback(() => {
    const { launches, runs } = store.getState();
    return experimentIds
      .flatMap((id) => launches[id] ?? [])
      .flatMap((id) => (runs[id] ? [runs[id]] : []));
  }, [store, experimentIds]);

  /** Pause every training run; if none trains, resume the paused ones. */
  const togglePause = useCallback(() => {
    const runs = current();
    const training = runs.filter((r) => r.status === 'running' || r.status === 'queued');
    if (training.length > 0) training.forEach((r) => pauseRun(r.id));
    else runs.filter((r) => r.status === 'paused').forEach((r) => resumeRun(r.id));
  }, [current, pauseRun, resumeRun]);

  /** One step of each unfinished run, pausing the ones that train first. */
  const step = useCallback(() => {
    for (const run of current()) {
      if (FINAL_STATUSES.has(run.status)) continue;
      if (run.status !== 'paused') pauseRun(run.id);
      stepRun(run.id);
    }
  }, [current, pauseRun, stepRun]);

  /** Remove the section's runs (the reference curves stay). */
  const reset = useCallback(() => {
    for (const run of current()) deleteRun(run.id);
  }, [current, deleteRun]);

  return { togglePause, step, reset };
}
