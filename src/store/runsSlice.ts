import type { StateCreator } from 'zustand';
import { EXPERIMENTS } from '../experiments/registry';
import type { ExperimentSettings, RunStyle } from '../experiments/types';
import type { RunConfig } from '../shared/runConfig';
import { FINAL_STATUSES, type RunStatus } from '../shared/runStatus';
import type { Command } from '../worker/protocol';
import type { LabState } from './labState';

/** A run as the page shows it. */
export interface RunView {
  id: string;
  label: string;
  config: RunConfig;
  experimentId: string;
  panel: string;
  style: RunStyle;
  status: RunStatus;
  /** Why it diverged or failed. */
  message: string | null;
  /** Steps finished. */
  step: number;
  stepsPerSecond: number;
  msPerStep: number;
}

/** A message for the user that is not tied to one run (a rejected command, say). */
export interface Notice {
  id: number;
  text: string;
}

export interface RunsSlice {
  runs: Record<string, RunView>;
  /** Run ids of each experiment's latest launch, in plan order. */
  launches: Record<string, string[]>;
  notices: Notice[];
  /** Notices ever shown (the next one's id is this plus one). */
  noticeCount: number;
  /** Experiment launches so far (part of each run id, so ids never repeat). */
  launchCount: number;
  /** Stop this experiment's active runs and start a fresh set with these settings. */
  launchExperiment(experimentId: string, settings: ExperimentSettings): void;
  pauseRun(id: string): void;
  resumeRun(id: string): void;
  stopRun(id: string): void;
  dismissNotice(id: number): void;
}

export const createRunsSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], RunsSlice> =>
  (set, get) => ({
    runs: {},
    launches: {},
    notices: [],
    noticeCount: 0,
    launchCount: 0,
    launchExperiment(experimentId, settings) {
      const experiment = EXPERIMENTS[experimentId];
      if (!experiment) throw new Error(`unknown experiment ${experimentId}`);
      for (const id of get().launches[experimentId] ?? []) {
        const run = get().runs[id];
        if (run && !FINAL_STATUSES.has(run.status)) send({ type: 'stop', runId: id });
      }
      const launchCount = get().launchCount + 1;
      const prefix = `${experimentId}-${Date.now().toString(36)}-${launchCount}`;
      const planned = experiment.plan(settings).map((p) => ({ ...p, id: `${prefix}-${p.key}` }));
      const views: Record<string, RunView> = {};
      for (const p of planned) {
        views[p.id] = {
          id: p.id,
          label: p.label,
          config: p.config,
          experimentId,
          panel: p.panel,
          style: p.style,
          status: 'queued',
          message: null,
          step: 0,
          stepsPerSecond: 0,
          msPerStep: 0,
        };
      }
      set((s) => ({
        launchCount,
        runs: { ...s.runs, ...views },
        launches: { ...s.launches, [experimentId]: planned.map((p) => p.id) },
      }));
      send({ type: 'start', runs: planned.map((p) => ({ id: p.id, config: p.config })) });
    },
    pauseRun: (id) => send({ type: 'pause', runId: id }),
    resumeRun: (id) => send({ type: 'resume', runId: id }),
    stopRun: (id) => send({ type: 'stop', runId: id }),
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  });
