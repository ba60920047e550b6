/** Turning the experiment form's text fields into settings, with a message per bad field. */
import type { Experiment, ExperimentSettings } from '../experiments/types';
import { checkRunConfig, PLACEMENTS, type Placement, type RunConfig } from '../shared/runConfig';

/** The form's fields as typed text. */
export type SettingsDraft = Record<Exclude<keyof ExperimentSettings, 'placement'>, string> & {
  placement: Placement;
};

/** Which form field a run-config path belongs to. */
const FIELD_OF_PATH: Record<string, keyof ExperimentSettings> = {
  steps: 'steps',
  'model.gammaInit': 'gammaInit',
  'model.placement': 'placement',
  seed: 'seed',
  evalEvery: 'evalEvery',
};

export function draftOf(settings: ExperimentSettings): SettingsDraft {
  return {
    steps: String(settings.steps),
    gammaInit: String(settings.gammaInit),
    placement: settings.placement,
    seed: String(settings.seed),
    evalEvery: String(settings.evalEvery),
  };
}

/** The form's settings a launched run was planned with (its plan's first run carries them). */
export function settingsOfRun(config: RunConfig): ExperimentSettings {
  return {
    steps: config.steps,
    gammaInit: config.model.gammaInit,
    placement: config.model.placement,
    seed: config.seed,
    evalEvery: config.evalEvery,
  };
}

export type DraftCheck =
  | { ok: true; settings: ExperimentSettings }
  | { ok: false; errors: Partial<Record<keyof ExperimentSettings, string>> };

/** Parse the draft and validate every run it would launch against the run-config schema. */
export function checkDraft(experiment: Experiment, draft: SettingsDraft): DraftCheck {
  const errors: Partial<Record<keyof ExperimentSettings, string>> = {};
  const number = (field: Exclude<keyof ExperimentSettings, 'placement'>): number => {
    const text = draft[field].trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) errors[field] = 'enter a number';
    return value;
  };
  const settings: ExperimentSettings = {
    steps: number('steps'),
    gammaInit: number('gammaInit'),
    placement: PLACEMENTS.includes(draft.placement) ? draft.placement : 'before-relu',
    seed: number('seed'),
    evalEvery: number('evalEvery'),
  };
  if (Object.keys(errors).length === 0) {
    for (const run of experiment.plan(settings)) {
      const check = checkRunConfig(run.config);
      if (check.ok) continue;
      for (const { path, message } of check.errors) {
        const field = FIELD_OF_PATH[path];
        if (field) errors[field] ??= message;
        else errors.steps ??= `${path}: ${message}`;
      }
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, settings } : { ok: false, errors };
}
