import type { StateCreator } from 'zustand';
import { freeStyle, styleKey } from '../../experiments/runStyles';
import type { TrainerCheckpoint } from '../../shared/checkpoint';
import { FINAL_STATUSES } from '../../shared/runStatus';
import type { Command } from '../../shared/workerProtocol';
import { holdWhileTraining } from './holdWhileTraining';
import type { LabState } from './labState';
import { restoredLaunches } from './restoredLaunches';
import { runMaker } from './runMaker';
import { cleanLabel, LAB_EXPERIMENT, type RunView } from './runView';
import { truncateSeries } from './series';

/** The runs on the page and what the user does to one: rename, delete, restart, resume, recolour. */
export interface RunsSlice {
  runs: Record<string, RunView>;
  /** Each run's latest checkpoint (the worker sends one every few tens of steps). */
  checkpoints: Record<string, TrainerCheckpoint>;
  /** Every run id, oldest first (the lab's run list order). */
  runOrder: string[];
  /** Rename a run; blank names are refused, long ones cut to MAX_LABEL_LENGTH. */
  renameRun(id: string, label: string): void;
  /** Stop the run if it trains, then forget it and its points. */
  deleteRun(id: string): void;
  /**
   * Continue an interrupted run from its last checkpoint: points after it are dropped (they are
   * trained again), the rest kept. Returns false when it has no checkpoint.
   */
  resumeFromCheckpoint(id: string): boolean;
  /** Train a run again from step 0 in its place (a fresh run with its config, look and name). */
  restartRun(id: string): string | null;
  /** Put runs read back from storage (or an import) at the end of the list, with their points. */
  addStoredRuns(
    runs: readonly RunView[],
    series: LabState['series'],
    checkpoints?: Record<string, TrainerCheckpoint>,
  ): void;
  setRunColor(id: string, color: string): void;
  /**
   * Give the runs a look of their own in the lab: a run drawn like an earlier one of `ids` (an
   * experiment draws the same normalization alike in each of its panels) gets the next lab style.
   */
  distinguishRuns(ids: readonly string[]): void;
  setRunVisible(id: string, visible: boolean): void;
  pauseRun(id: string): void;
  resumeRun(id: string): void;
  stopRun(id: string): void;
}

/** A copy of `record` without `key`. */
function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Matches a CSS hex colour, the only form a run colour may take. */
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export const createRunsSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], RunsSlice> =>
  (set, get, api) => {
    const { viewOf, nextPrefix, takenStyles } = runMaker(set, get, send);
    /** Apply `change` to run `id` if it exists. */
    const updateRun = (id: string, change: Partial<RunView>) =>
      set((s) => {
        const run = s.runs[id];
        return run ? { runs: { ...s.runs, [id]: { ...run, ...change } } } : {};
      });

    /** Resume an interrupted run from its checkpoint in this tab (false when it cannot be). */
    const resumeNow = (id: string): boolean => {
      const run = get().runs[id];
      const checkpoint = get().checkpoints[id];
      if (!run || !checkpoint || run.status !== 'interrupted') return false;
      const kept = Object.fromEntries(
        Object.entries(get().series[id] ?? {}).map(([metric, s]) => [
          metric,
          truncateSeries(s, checkpoint.step),
        ]),
      );
      set((s) => ({
        runs: {
          ...s.runs,
          [id]: { ...run, status: 'queued', message: null, step: checkpoint.step },
        },
        series: { ...s.series, [id]: kept },
      }));
      send({ type: 'start', runs: [{ id, config: run.config, resume: checkpoint }] });
      return true;
    };

    return {
      runs: {},
      checkpoints: {},
      runOrder: [],
      renameRun(id, label) {
        const name = cleanLabel(label);
        if (name === '') {
          get().notify('A run needs a name: the old one was kept.');
          return;
        }
        updateRun(id, { label: name });
      },
      deleteRun(id) {
        const run = get().runs[id];
        if (!run) return;
        if (!FINAL_STATUSES.has(run.status)) send({ type: 'stop', runId: id });
        set((s) => {
          const runs = withoutKey(s.runs, id);
          const series = withoutKey(s.series, id);
          const checkpoints = withoutKey(s.checkpoints, id);
          const launches = Object.fromEntries(
            Object.entries(s.launches).map(([k, ids]) => [k, ids.filter((r) => r !== id)]),
          );
          return {
            runs,
            series,
            checkpoints,
            launches,
            runOrder: s.runOrder.filter((r) => r !== id),
          };
        });
      },
      restartRun(id) {
        const run = get().runs[id];
        if (!run) return null;
        if (!FINAL_STATUSES.has(run.status)) send({ type: 'stop', runId: id });
        const fresh = viewOf({
          id: `${nextPrefix(run.experimentId)}-restart`,
          label: run.label,
          config: run.config,
          experimentId: run.experimentId,
          panel: run.panel,
          style: run.style,
          group: run.group === run.id ? undefined : run.group,
        });
        set((s) => ({
          runs: { ...withoutKey(s.runs, id), [fresh.id]: { ...fresh, panelStyle: run.panelStyle } },
          series: withoutKey(s.series, id),
          checkpoints: withoutKey(s.checkpoints, id),
          runOrder: s.runOrder.map((r) => (r === id ? fresh.id : r)),
          launches: Object.fromEntries(
            Object.entries(s.launches).map(([k, ids]) => [
              k,
              ids.map((r) => (r === id ? fresh.id : r)),
            ]),
          ),
        }));
        send({ type: 'start', runs: [{ id: fresh.id, config: fresh.config }] });
        return fresh.id;
      },
      resumeFromCheckpoint(id) {
        const resumable = () =>
          get().runs[id]?.status === 'interrupted' && get().checkpoints[id] !== undefined;
        const claim = get().claimRun;
        if (!resumable()) return false;
        if (!claim) return resumeNow(id);
        // Other tabs may offer the same run: the first to claim it trains it, the others refuse.
        void claim(id).then((release) => {
          if (!release) {
            const label = get().runs[id]?.label ?? id;
            get().notify(`${label} is already being resumed in another tab.`);
            return;
          }
          if (!resumable() || !resumeNow(id)) return release();
          holdWhileTraining(api, id, release);
        });
        return true;
      },
      addStoredRuns(runs, series, checkpoints = {}) {
        const fresh = runs.filter((r) => !get().runs[r.id]);
        if (fresh.length === 0) return;
        set((s) => ({
          checkpoints: {
            ...s.checkpoints,
            ...Object.fromEntries(
              fresh.flatMap((r) => {
                const c = checkpoints[r.id];
                return c ? [[r.id, c] as const] : [];
              }),
            ),
          },
          runs: { ...s.runs, ...Object.fromEntries(fresh.map((r) => [r.id, r])) },
          series: {
            ...s.series,
            ...Object.fromEntries(
              fresh.flatMap((r) => {
                const points = series[r.id];
                return points ? [[r.id, points] as const] : [];
              }),
            ),
          },
          runOrder: [...s.runOrder, ...fresh.map((r) => r.id)],
          // A reload: each article section finds its latest launch again (none it already has).
          launches: { ...restoredLaunches(fresh), ...s.launches },
          // New lab runs continue the palette after the stored ones.
          labRunCount:
            s.labRunCount + fresh.filter((r) => r.experimentId === LAB_EXPERIMENT).length,
        }));
      },
      setRunColor(id, color) {
        const run = get().runs[id];
        if (run && HEX_COLOR.test(color)) updateRun(id, { style: { ...run.style, color } });
      },
      setRunVisible: (id, visible) => updateRun(id, { visible }),
      distinguishRuns(ids) {
        // The runs' looks must differ from each other and from every other run on show.
        const seen = takenStyles(new Set(ids));
        for (const id of ids) {
          const run = get().runs[id];
          if (!run) continue;
          const key = styleKey(run.style);
          if (seen.has(key)) {
            const style = freeStyle(undefined, seen, get().labRunCount);
            updateRun(id, { style });
            seen.add(styleKey(style));
          } else {
            seen.add(key);
          }
        }
      },
      pauseRun: (id) => send({ type: 'pause', runId: id }),
      resumeRun: (id) => send({ type: 'resume', runId: id }),
      stopRun: (id) => send({ type: 'stop', runId: id }),
    };
  };
