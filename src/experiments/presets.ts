/** Configurations the editor can start from: the defaults, and every run of every article preset. */
import { EXPERIMENT_LIST } from './registry';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../shared/runConfig';

export interface EditorPreset {
  /** "<experiment id>/<run key>", or "default". */
  id: string;
  /** Shown in the menu. */
  label: string;
  /** The run's own name, given to the editor's Name field. */
  runLabel: string;
  config: RunConfig;
}

export const DEFAULT_PRESET: EditorPreset = {
  id: 'default',
  label: 'The blog’s CNN, no normalization, SGD LR 0.1',
  runLabel: 'My run',
  config: DEFAULT_RUN_CONFIG,
};

/** Every planned run of every experiment at its default settings, grouped by experiment. */
export const PRESET_GROUPS: { title: string; presets: EditorPreset[] }[] = EXPERIMENT_LIST.map(
  (experiment) => ({
    title: experiment.title,
    presets: experiment.plan(experiment.defaults).map((run) => ({
      id: `${experiment.id}/${run.key}`,
      label: run.label,
      runLabel: run.label,
      config: run.config,
    })),
  }),
);

export const PRESETS: Record<string, EditorPreset> = Object.fromEntries(
  [DEFAULT_PRESET, ...PRESET_GROUPS.flatMap((g) => g.presets)].map((p) => [p.id, p]),
);
