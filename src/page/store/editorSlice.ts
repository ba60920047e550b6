import type { StateCreator } from 'zustand';
import { EXPERIMENTS } from '../../experiments/registry';
import type { ExperimentSettings } from '../../experiments/types';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../shared/runConfig';
import type { LabState } from './labState';
import type { LabRunRequest } from './labLaunches';

/** What the lab's editor was last loaded with (a preset, a run, an article section). */
interface EditorSource {
  config: RunConfig;
  label: string;
  seeds: number;
  /** Where it came from, said above the form ("the settings of run X"), or null. */
  origin: string | null;
  /** Bumped by every load, so the editor knows to drop its typed text. */
  version: number;
}

export interface EditorSlice {
  editor: EditorSource;
  /** The editor's typed text since the last load (kept while the user visits the article). */
  editorDraft: Readonly<Record<string, string>> | null;
  loadEditor(config: RunConfig, label: string, seeds?: number, origin?: string | null): void;
  saveEditorDraft(draft: Readonly<Record<string, string>>): void;
  /** Runs a shared link holds, waiting for the user to start them (or not). */
  pendingRuns: LabRunRequest[] | null;
  setPendingRuns(runs: LabRunRequest[] | null): void;
  /**
   * Carry an article experiment into the lab: its first run (with these settings) into the editor,
   * and its latest launch's runs shown in the comparison.
   */
  openExperimentInLab(experimentId: string, settings: ExperimentSettings): void;
}

/** The editor's first content: the blog's network, plain, at the default learning rate. */
const FIRST_LABEL = 'My run';

export const createEditorSlice: StateCreator<LabState, [], [], EditorSlice> = (set, get) => ({
  editor: { config: DEFAULT_RUN_CONFIG, label: FIRST_LABEL, seeds: 1, origin: null, version: 0 },
  editorDraft: null,
  pendingRuns: null,
  setPendingRuns: (runs) => set({ pendingRuns: runs }),
  loadEditor: (config, label, seeds = 1, origin = null) =>
    set((s) => ({
      editor: { config, label, seeds, origin, version: s.editor.version + 1 },
      editorDraft: null,
    })),
  saveEditorDraft: (draft) => set({ editorDraft: draft }),
  openExperimentInLab(experimentId, settings) {
    const experiment = EXPERIMENTS[experimentId];
    const first = experiment?.plan(settings)[0];
    if (!experiment || !first) return;
    get().loadEditor(first.config, first.label, 1, `the article’s “${experiment.title}”`);
    const launched = get().launches[experimentId] ?? [];
    for (const id of launched) get().setRunVisible(id, true);
    get().distinguishRuns(launched);
  },
});
