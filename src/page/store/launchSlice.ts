import { withDatasetName } from '../../shared/datasets';
import { fitSplit, datasetProblem } from './localDatasets';
import type { StateCreator } from 'zustand';
import { EXPERIMENTS } from '../../experiments/registry';
import type { ExperimentSettings } from '../../experiments/types';
import { freeStyle, normalizationStyle, styleKey } from '../../experiments/runStyles';
import type { TrainerCheckpoint } from '../../shared/checkpoint';
import type { ImportedRun } from '../../shared/importRuns';
import { checkRunConfig, type RunConfig } from '../../shared/runConfig';
import { FINAL_STATUSES } from '../../shared/runStatus';
import { PHRASE_SEPARATOR } from '../../shared/settingNames';
import type { Command } from '../../shared/workerProtocol';
import { importedRunViews } from './importedRunViews';
import {
  labRunProblem,
  sweepProblem,
  type LabRunRequest,
  type LabSweepRequest,
} from './labLaunches';
import type { LabState } from './labState';
import { runMaker } from './runMaker';
import { cleanLabel, LAB_EXPERIMENT, type RunView } from './runView';

/** The store's ways to start runs: an article experiment, the lab's editor, a file. */
export interface LaunchSlice {
  /** Run ids of each experiment's latest launch, in plan order. */
  launches: Record<string, string[]>;
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
  /** Add runs read from an export file, under new ids; returns their ids. */
  importRuns(runs: readonly ImportedRun[]): string[];
  /**
   * Add a run from a checkpoint file (`bnlab checkpoint`): interrupted at the checkpoint's step, no
   * points yet, ready to Resume. Returns its id.
   */
  openCheckpoint(label: string, config: RunConfig, checkpoint: TrainerCheckpoint): string;
}

export const createLaunchSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], LaunchSlice> =>
  (set, get) => {
    const { addAndStart, viewOf, nextPrefix, takenStyles, labStyleOf, nextLabStyle } = runMaker(
      set,
      get,
      send,
    );
    return {
      launches: {},
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
            label: withDatasetName(p.label, p.config.dataset),
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
        // Checked as it will train: a local dataset's split follows its size.
        const check = checkRunConfig(fitSplit(config, get().localDatasets));
        const name = cleanLabel(label);
        const problem =
          datasetProblem([config], get().localDatasets) ?? labRunProblem(check, name, seeds);
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
      startLabSweep(request) {
        const { label, configs, seeds } = request;
        const name = cleanLabel(label);
        const checks = configs.map((c) => checkRunConfig(fitSplit(c.config, get().localDatasets)));
        const problem =
          datasetProblem(
            configs.map((c) => c.config),
            get().localDatasets,
          ) ?? sweepProblem(request, checks, name);
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
        const missing = datasetProblem([run.config], get().localDatasets);
        if (missing) {
          get().notify(missing);
          return null;
        }
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
      importRuns(imported) {
        const views = importedRunViews(
          imported,
          nextPrefix('imported'),
          takenStyles(),
          get().labRunCount,
        );
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
    };
  };
