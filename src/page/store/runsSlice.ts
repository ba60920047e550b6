import type { StateCreator } from 'zustand';
import { EXPERIMENTS } from '../../experiments/registry';
import type { ExperimentSettings, RunStyle } from '../../experiments/types';
import type { BackendName } from '../../shared/backends';
import type { TrainerCheckpoint } from '../../shared/checkpoint';
import type { ImportedRun } from '../../shared/importRuns';
import { checkRunConfig, type RunConfig } from '../../shared/runConfig';
import { FINAL_STATUSES, type RunStatus } from '../../shared/runStatus';
import type { Command } from '../../shared/workerProtocol';
import type { LabState } from './labState';
import { freeStyle, normalizationStyle, styleKey } from '../../experiments/runStyles';
import { truncateSeries } from './series';
import { visible } from '../../shared/visibleText';
import { PHRASE_SEPARATOR } from '../../shared/settingNames';
import { holdWhileTraining } from './holdWhileTraining';
import { restoredLaunches } from './restoredLaunches';

/** Experiment id of runs made in the lab's editor (not by an article section). */
export const LAB_EXPERIMENT = 'lab';
/** Longest run name kept, characters. */
export const MAX_LABEL_LENGTH = 80;
/** Most seeds one lab launch may start. */
export const MAX_SEEDS = 8;

/** A run as the page shows it. */
export interface RunView {
  id: string;
  label: string;
  config: RunConfig;
  /** The article experiment that launched it, or LAB_EXPERIMENT. */
  experimentId: string;
  /** Which of the experiment's comparison panels draws it ('' for lab runs). */
  panel: string;
  /** How the lab draws it (the user may recolour it). */
  style: RunStyle;
  /** How its article section draws it: the experiment's own look, never recoloured. */
  panelStyle: RunStyle;
  /** Drawn in the lab's charts. */
  visible: boolean;
  /** Read from an exported file (not trained on this page). */
  imported?: boolean;
  /** Name of the sweep the editor started it in (its runs form one sweep group). */
  sweep?: string;
  /** Runs started together that differ only in seed share a group; otherwise the run's own id. */
  group: string;
  /** Backend in force when it started. */
  backend: BackendName | null;
  status: RunStatus;
  /** Why it diverged, stalled or failed. */
  message: string | null;
  /** Steps finished. */
  step: number;
  stepsPerSecond: number;
  msPerStep: number;
}

/** A message for the user that is not tied to one run (a rejected command, say). */
interface Notice {
  id: number;
  text: string;
}

/** What the lab's editor asks for: a config, a name, and how many seeds (seed, seed + 1, ...). */
export interface LabRunRequest {
  label: string;
  config: RunConfig;
  seeds: number;
}

/** A sweep from the editor: configurations (named from their swept values), each on `seeds` seeds. */
interface LabSweepRequest {
  label: string;
  configs: readonly { name: string; config: RunConfig }[];
  seeds: number;
}

/** Most runs one sweep may start (configurations times seeds). */
export const MAX_SWEEP_RUNS = 64;

export interface RunsSlice {
  runs: Record<string, RunView>;
  /** Each run's latest checkpoint (the worker sends one every few tens of steps). */
  checkpoints: Record<string, TrainerCheckpoint>;
  /** Every run id, oldest first (the lab's run list order). */
  runOrder: string[];
  /** Run ids of each experiment's latest launch, in plan order. */
  launches: Record<string, string[]>;
  notices: Notice[];
  /** Notices ever shown (the next one's id is this plus one). */
  noticeCount: number;
  /** Launches so far, of experiments and the lab (part of each run id, so ids never repeat). */
  launchCount: number;
  /** Lab runs created so far (picks each new run's style). */
  labRunCount: number;
  /** Stop this experiment's active runs and start a fresh set with these settings. */
  launchExperiment(experimentId: string, settings: ExperimentSettings): void;
  /** Validate and start a lab run per seed; returns their ids ([] and a notice when invalid). */
  startLabRuns(request: LabRunRequest): string[];
  /**
   * Start every configuration of a sweep on `seeds` seeds (each configuration a seed group with a
   * look of its own), all marked with the sweep's name; returns their ids (none when refused).
   */
  startLabSweep(request: LabSweepRequest): string[];
  /** Start a copy of a run (same config, seed included) under "<name> (copy)". */
  duplicateRun(id: string): string | null;
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
  /** Add runs read from an export file, under new ids; returns their ids. */
  importRuns(runs: readonly ImportedRun[]): string[];
  /**
   * Add a run from a checkpoint file (`bnlab checkpoint`): interrupted at the checkpoint's step, no
   * points yet, ready to Resume. Returns its id.
   */
  openCheckpoint(label: string, config: RunConfig, checkpoint: TrainerCheckpoint): string;
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
  notify(text: string): void;
  dismissNotice(id: number): void;
}

/** A run name as stored: one line, no surrounding spaces, at most MAX_LABEL_LENGTH characters. */
function cleanLabel(label: string): string {
  return visible(label).text.slice(0, MAX_LABEL_LENGTH);
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
    /** Apply `change` to run `id` if it exists. */
    const updateRun = (id: string, change: Partial<RunView>) =>
      set((s) => {
        const run = s.runs[id];
        return run ? { runs: { ...s.runs, [id]: { ...run, ...change } } } : {};
      });

    /** Add runs to the store (queued) and send one start command for them all. */
    const addAndStart = (views: RunView[]) => {
      set((s) => ({
        runs: { ...s.runs, ...Object.fromEntries(views.map((v) => [v.id, v])) },
        runOrder: [...s.runOrder, ...views.map((v) => v.id)],
      }));
      send({ type: 'start', runs: views.map((v) => ({ id: v.id, config: v.config })) });
    };

    /** A fresh run view, queued, drawn, in no group but its own. */
    const viewOf = (
      fields: Pick<RunView, 'id' | 'label' | 'config' | 'experimentId' | 'panel' | 'style'> &
        Partial<Pick<RunView, 'group'>>,
    ): RunView => ({
      ...fields,
      panelStyle: fields.style,
      group: fields.group ?? fields.id,
      visible: true,
      backend: get().backend,
      status: 'queued',
      message: null,
      step: 0,
      stepsPerSecond: 0,
      msPerStep: 0,
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

    const nextPrefix = (name: string) => {
      const launchCount = get().launchCount + 1;
      set({ launchCount });
      return `${name}-${Date.now().toString(36)}-${launchCount}`;
    };

    /** Looks of the runs the lab draws now (as styleKey keys), but those of `except`. */
    const takenStyles = (except: ReadonlySet<string> = new Set()) =>
      new Set(
        Object.values(get().runs)
          .filter((r) => r.visible && !except.has(r.id))
          .map((r) => styleKey(r.style)),
      );

    /** A new lab run's look: its normalization's article look when free, else a free one. */
    const labStyleOf = (config: RunConfig | null) =>
      freeStyle(
        config ? normalizationStyle(config.model.normalization) : undefined,
        takenStyles(),
        get().labRunCount,
      );

    const nextLabStyle = (config: RunConfig | null) => {
      const style = labStyleOf(config);
      set({ labRunCount: get().labRunCount + 1 });
      return style;
    };

    return {
      runs: {},
      checkpoints: {},
      runOrder: [],
      launches: {},
      notices: [],
      noticeCount: 0,
      launchCount: 0,
      labRunCount: 0,
      launchExperiment(experimentId, settings) {
        const experiment = EXPERIMENTS[experimentId];
        if (!experiment) throw new Error(`unknown experiment ${experimentId}`);
        for (const id of get().launches[experimentId] ?? []) {
          const run = get().runs[id];
          if (run && !FINAL_STATUSES.has(run.status)) send({ type: 'stop', runId: id });
        }
        const prefix = nextPrefix(experimentId);
        const views = experiment.plan(settings).map((p) =>
          viewOf({
            id: `${prefix}-${p.key}`,
            label: p.label,
            config: p.config,
            experimentId,
            panel: p.panel,
            style: p.style,
          }),
        );
        set((s) => ({ launches: { ...s.launches, [experimentId]: views.map((v) => v.id) } }));
        addAndStart(views);
      },
      startLabRuns({ label, config, seeds }) {
        const check = checkRunConfig(config);
        const name = cleanLabel(label);
        const problem = !check.ok
          ? `The run was not started: ${check.errors.map((e) => `${e.path || 'config'} ${e.message}`).join('; ')}.`
          : !Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS
            ? `The run was not started: seeds must be a whole number from 1 to ${MAX_SEEDS}.`
            : name === ''
              ? 'The run was not started: give it a name.'
              : null;
        if (problem || !check.ok) {
          get().notify(problem ?? 'The run was not started.');
          return [];
        }
        const prefix = nextPrefix(LAB_EXPERIMENT);
        const group = `${prefix}-group`;
        // Seeds of one launch share one look: the group is told apart by colour, seeds by shade.
        const style = nextLabStyle(check.config);
        const views = Array.from({ length: seeds }, (_, i) => {
          const seed = (check.config.seed + i) % 2 ** 31;
          return viewOf({
            id: `${prefix}-s${seed}`,
            label: seeds > 1 ? `${name} · seed ${seed}` : name,
            config: { ...check.config, seed },
            experimentId: LAB_EXPERIMENT,
            panel: '',
            style,
            group: seeds > 1 ? group : undefined,
          });
        });
        addAndStart(views);
        return views.map((v) => v.id);
      },
      startLabSweep({ label, configs, seeds }) {
        const name = cleanLabel(label);
        const checks = configs.map((c) => checkRunConfig(c.config));
        const bad = checks.findIndex((c) => !c.ok);
        const problem =
          bad >= 0
            ? `The sweep was not started: ${configs[bad]?.name ?? 'a configuration'} is not a valid run.`
            : !Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS
              ? `The sweep was not started: seeds must be a whole number from 1 to ${MAX_SEEDS}.`
              : configs.length === 0 || configs.length * seeds > MAX_SWEEP_RUNS
                ? `The sweep was not started: it must have 1 to ${MAX_SWEEP_RUNS} runs.`
                : name === ''
                  ? 'The sweep was not started: give it a name.'
                  : null;
        if (problem) {
          get().notify(problem);
          return [];
        }
        const prefix = nextPrefix(LAB_EXPERIMENT);
        const taken = takenStyles();
        const views = configs.flatMap((c, k) => {
          const check = checks[k];
          if (!check?.ok) return [];
          // Each configuration its own look (the normalization's when free), seeds its shades.
          const style = freeStyle(
            normalizationStyle(check.config.model.normalization),
            taken,
            get().labRunCount + k,
          );
          taken.add(styleKey(style));
          const base = cleanLabel(`${name}${PHRASE_SEPARATOR}${c.name}`);
          return Array.from({ length: seeds }, (_, i) => {
            const seed = (check.config.seed + i) % 2 ** 31;
            return {
              ...viewOf({
                id: `${prefix}-c${k}-s${seed}`,
                label: seeds > 1 ? cleanLabel(`${base} · seed ${seed}`) : base,
                config: { ...check.config, seed },
                experimentId: LAB_EXPERIMENT,
                panel: '',
                style,
                group: seeds > 1 ? `${prefix}-c${k}` : undefined,
              }),
              sweep: name,
            };
          });
        });
        set({ labRunCount: get().labRunCount + configs.length });
        addAndStart(views);
        return views.map((v) => v.id);
      },
      duplicateRun(id) {
        const run = get().runs[id];
        if (!run) return null;
        const prefix = nextPrefix(LAB_EXPERIMENT);
        const copy = viewOf({
          id: `${prefix}-copy`,
          label: cleanLabel(`${run.label} (copy)`),
          config: run.config,
          experimentId: LAB_EXPERIMENT,
          panel: '',
          style: nextLabStyle(run.config),
        });
        addAndStart([copy]);
        return copy.id;
      },
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
      importRuns(imported) {
        const prefix = nextPrefix('imported');
        /** Groups of the file get new ids, so they never merge with groups on this page. */
        const groups = new Map<string, string>();
        /** Each new group's look: its own unless a run on show (or an earlier group) has it. */
        const looks = new Map<string, RunStyle>();
        const taken = takenStyles();
        const views = imported.map((run, i): RunView => {
          const id = `${prefix}-${i}`;
          const wasGroup = imported.filter((r) => r.group === run.group).length > 1;
          const group = wasGroup ? (groups.get(run.group) ?? `${prefix}-g${groups.size}`) : id;
          groups.set(run.group, group);
          let style = looks.get(group);
          if (!style) {
            style = freeStyle(run.style, taken, get().labRunCount + looks.size);
            looks.set(group, style);
            taken.add(styleKey(style));
          }
          const cut = !FINAL_STATUSES.has(run.status);
          return {
            id,
            label: run.label,
            config: run.config,
            experimentId: run.experimentId,
            panel: '',
            style,
            panelStyle: run.style,
            visible: true,
            imported: true,
            group,
            backend: run.backend,
            status: cut ? 'interrupted' : run.status,
            message: cut ? 'It was still training when it was exported.' : run.message,
            step: run.step,
            stepsPerSecond: 0,
            msPerStep: 0,
          };
        });
        const series = Object.fromEntries(views.map((v, i) => [v.id, imported[i]?.series ?? {}]));
        get().addStoredRuns(views, series);
        return views.map((v) => v.id);
      },
      openCheckpoint(label, config, checkpoint) {
        const id = `${nextPrefix(LAB_EXPERIMENT)}-checkpoint`;
        const view: RunView = {
          ...viewOf({
            id,
            label: cleanLabel(label) || 'checkpoint',
            config,
            experimentId: LAB_EXPERIMENT,
            panel: '',
            // addStoredRuns counts it among the lab's runs.
            style: labStyleOf(config),
          }),
          imported: true,
          status: 'interrupted',
          step: checkpoint.step,
          message: `Opened from a checkpoint at step ${checkpoint.step}: Resume trains on from there.`,
        };
        get().addStoredRuns([view], { [id]: {} }, { [id]: checkpoint });
        return id;
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
      notify(text) {
        set((s) => {
          const id = s.noticeCount + 1;
          return { noticeCount: id, notices: [...s.notices, { id, text }] };
        });
      },
      dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
    };
  };
