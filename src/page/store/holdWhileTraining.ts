/** Keeps a tab's claim on a run (another tab may not resume it) until the run ends or goes. */
import type { StoreApi } from 'zustand/vanilla';
import { FINAL_STATUSES } from '../../shared/runStatus';
import type { LabState } from './labState';

export function holdWhileTraining(store: StoreApi<LabState>, id: string, release: () => void) {
  const unsubscribe = store.subscribe((state) => {
    const run = state.runs[id];
    if (run && !FINAL_STATUSES.has(run.status)) return;
    unsubscribe();
    release();
  });
}
