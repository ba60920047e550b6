/**
 * Runs shared with the other tabs of this browser: what another tab stored comes in here (new
 * runs, changed ones, their new points), and runs another tab trains are shown as such: this
 * tab draws them but cannot pause or stop them, and when that tab closes they become interrupted,
 * resumable here from their last checkpoint.
 */
import type { StateCreator } from 'zustand';
import type { TrainerCheckpoint } from '../../shared/checkpoint';
import type { MetricId } from '../../shared/metrics';
import { FINAL_STATUSES } from '../../shared/runStatus';
import type { LabState } from './labState';
import { restoredLaunches } from './restoredLaunches';
import { LAB_EXPERIMENT, type RunView } from './runView';
import type { Series } from './series';

/** What another tab stored, as this tab takes it in. */
export interface OtherTabUpdate {
  /** New runs (added at the end of the list) and changed ones (replaced where they are). */
  runs: RunView[];
  /** Series to replace, per run and metric (the others stay). */
  series: Record<string, Partial<Record<MetricId, Series>>>;
  checkpoints: Record<string, TrainerCheckpoint>;
  /** Runs now trained in another tab (its id), or in none (null). */
  trainedIn: Record<string, string | null>;
}

/** Claim a run for this tab; resolves to its release, or null when another tab holds it. */
type ClaimRun = (id: string) => Promise<(() => void) | null>;

export interface OtherTabsSlice {
  /** Runs another tab trains, by run id: that tab's id. */
  elsewhere: Record<string, string>;
  /** How a resume claims its run against the other tabs (null: no other tab to ask). */
  claimRun: ClaimRun | null;
  setClaimRun(claim: ClaimRun | null): void;
  mergeOtherTab(update: OtherTabUpdate): void;
  /** The tab `tab` closed: the runs it trained are interrupted, resumable from `checkpoints`. */
  otherTabClosed(tab: string, checkpoints: Record<string, TrainerCheckpoint>): void;
}

export const createOtherTabsSlice: StateCreator<LabState, [], [], OtherTabsSlice> = (set) => ({
  elsewhere: {},
  claimRun: null,
  setClaimRun: (claimRun) => set({ claimRun }),
  mergeOtherTab: (update) =>
    set((s) => {
      const fresh = update.runs.filter((r) => !s.runs[r.id]);
      const runs = { ...s.runs };
      for (const run of update.runs) runs[run.id] = run;
      const series = { ...s.series };
      for (const [id, perRun] of Object.entries(update.series)) {
        series[id] = { ...series[id], ...perRun };
      }
      const elsewhere = Object.fromEntries(
        Object.entries({ ...s.elsewhere, ...update.trainedIn }).flatMap(([id, tab]) =>
          tab === null ? [] : [[id, tab] as const],
        ),
      );
      return {
        runs,
        series,
        checkpoints: { ...s.checkpoints, ...update.checkpoints },
        elsewhere,
        runOrder: [...s.runOrder, ...fresh.map((r) => r.id)],
        launches: { ...restoredLaunches(fresh), ...s.launches },
        labRunCount: s.labRunCount + fresh.filter((r) => r.experimentId === LAB_EXPERIMENT).length,
      };
    }),
  otherTabClosed: (tab, checkpoints) =>
    set((s) => {
      const runs = { ...s.runs };
      const elsewhere = Object.fromEntries(
        Object.entries(s.elsewhere).filter(([, owner]) => owner !== tab),
      );
      for (const [id, owner] of Object.entries(s.elsewhere)) {
        if (owner !== tab) continue;
        const run = runs[id];
        if (!run || FINAL_STATUSES.has(run.status)) continue;
        runs[id] = {
          ...run,
          status: 'interrupted',
          message: `The tab that trained it closed; its ${run.step} steps are kept.`,
          stepsPerSecond: 0,
          msPerStep: 0,
        };
      }
      return { runs, elsewhere, checkpoints: { ...s.checkpoints, ...checkpoints } };
    }),
});
