/** Turning the experiment form's text fields into settings, with a message per bad field. */
import {
  MAX_LEARNING_RATES,
  type Experiment,
  type ExperimentSettings,
} from '../../experiments/types';
import { DEFAULT_DATASET, isDatasetId, type DatasetId } from '../../shared/datasets';
import { checkRunConfig, PLACEMENTS, type Placement, type RunConfig } from '../../shared/runConfig';

/** The form's fields as typed text (the learning rates as one list, "0.1, 0.5"). */
export type SettingsDraft = Record<
  Exclude<keyof ExperimentSettings, 'placement' | 'dataset'>,
  string
> & {
  placement: Placement;
  dataset: DatasetId;
};

/** The number fields of the form. */
type NumberField = Exclude<keyof ExperimentSettings, 'placement' | 'dataset' | 'learningRates'>;

/** Which form field a run-config path belongs to. */
const FIELD_OF_PATH: Record<string, keyof ExperimentSettings> = {
  steps: 'steps',
  'model.gammaInit': 'gammaInit',
  'model.placement': 'placement',
  dataset: 'dataset',
  seed: 'seed',
  evalEvery: 'evalEvery',
  learningRate: 'learningRates',
};

/** How a list of learning rates is written in the form. */
const formatLearningRates = (rates: readonly number[]) => rates.join(', ');

export function draftOf(settings: ExperimentSettings): SettingsDraft {
  return {
    steps: String(settings.steps),
    gammaInit: String(settings.gammaInit),
    placement: settings.placement,
    dataset: settings.dataset,
    seed: String(settings.seed),
    evalEvery: String(settings.evalEvery),
    learningRates: formatLearningRates(settings.learningRates),
  };
}

/**
 * The form's settings a launch was planned with: its first run carries the shared ones, and the
 * learning rates are those of its runs in launch order (each panel's runs share one).
 */
export function settingsOfLaunch(
  configs: readonly [RunConfig, ...RunConfig[]],
): ExperimentSettings {
  const [first] = configs;
  return {
    steps: first.steps,
    gammaInit: first.model.gammaInit,
    placement: first.model.placement,
    dataset: first.dataset,
    seed: first.seed,
    evalEvery: first.evalEvery,
    learningRates: [...new Set(configs.map((c) => c.learningRate))],
  };
}

/** The learning rates typed in the form, or a message saying what is wrong with them. */
export function parseLearningRates(
  text: string,
  most: number = MAX_LEARNING_RATES,
): number[] | string {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return 'enter a learning rate';
  const rates = parts.map(Number);
  if (rates.some((r) => !Number.isFinite(r))) return 'enter numbers separated by commas';
  if (rates.length > most) return `at most ${most} learning rates`;
  if (new Set(rates).size < rates.length) return 'each learning rate once';
  return rates;
}

export type DraftCheck =
  | { ok: true; settings: ExperimentSettings }
  | { ok: false; errors: Partial<Record<keyof ExperimentSettings, string>> };

/** Parse the draft and validate every run it would launch against the run-config schema. */
export function checkDraft(experiment: Experiment, draft: SettingsDraft): DraftCheck {
  const errors: Partial<Record<keyof ExperimentSettings, string>> = {};
  const number = (field: NumberField): number => {
    const text = draft[field].trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) errors[field] = 'enter a number';
    return value;
  };
  const settings: ExperimentSettings = {
    steps: number('steps'),
    gammaInit: number('gammaInit'),
    placement: PLACEMENTS.includes(draft.placement) ? draft.placement : 'before-relu',
    dataset: isDatasetId(draft.dataset) ? draft.dataset : DEFAULT_DATASET,
    seed: number('seed'),
    evalEvery: number('evalEvery'),
    learningRates: [],
  };
  const rates = parseLearningRates(draft.learningRates, experiment.maxLearningRates);
  if (typeof rates === 'string') errors.learningRates = rates;
  else settings.learningRates = rates;
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
