/**
 * The lab's run editor as data: every field (label, help, where it lives in a RunConfig, when it
 * applies), a draft of typed text per field, and the check that turns a draft into a config with
 * one message per bad field.
 */
import {
  checkRunConfig,
  LR_SCHEDULES,
  NOISE_SCHEDULES,
  NORMALIZATIONS,
  OPTIMIZERS,
  PLACEMENTS,
  TASKS,
  type RunConfig,
} from '../../shared/runConfig';
import { MAX_LAB_SEEDS } from '../store/labLaunches';

type FieldId =
  | 'label'
  | 'seeds'
  | 'task'
  | 'convFilters'
  | 'kernelSize'
  | 'linearDepth'
  | 'linearWidth'
  | 'normalization'
  | 'placement'
  | 'gammaInit'
  | 'noiseSchedule'
  | 'optimizer'
  | 'momentum'
  | 'beta1'
  | 'beta2'
  | 'learningRate'
  | 'lrSchedule'
  | 'stepEvery'
  | 'stepFactor'
  | 'minFactor'
  | 'batchSize'
  | 'steps'
  | 'seed'
  | 'evalEvery'
  | 'momentsEvery'
  | 'quantilesEvery'
  | 'icsEvery'
  | 'landscapeEvery';

/** The editor's typed text, one string per field. */
export type EditorDraft = Record<FieldId, string>;

export interface FieldSpec {
  id: FieldId;
  label: string;
  /** One line under the field: meaning and unit. */
  help: string;
  /** The RunConfig path the field edits (dots); none for label and seeds. */
  path?: string;
  /** A select's options: value and what the user reads. */
  options?: readonly { value: string; label: string }[];
  /** Whether the field matters for this draft (hidden otherwise). */
  applies?: (draft: EditorDraft) => boolean;
}

export interface FieldGroup {
  title: string;
  fields: FieldSpec[];
}

const isCnn = (d: EditorDraft) => d.task === 'mnist-cnn';
const isBn = (d: EditorDraft) =>
  d.normalization === 'batchnorm' || d.normalization === 'noisy-batchnorm';

const TASK_LABELS: Record<(typeof TASKS)[number], string> = {
  'mnist-cnn': 'MNIST · CNN',
  'deep-linear': 'Gaussian · linear net',
};
const NORMALIZATION_NAMES: Record<(typeof NORMALIZATIONS)[number], string> = {
  none: 'none',
  batchnorm: 'batch norm',
  'noisy-batchnorm': 'noisy batch norm',
  l1: 'ℓ1 norm',
  l2: 'ℓ2 norm',
  linf: 'ℓ∞ norm',
};
const PLACEMENT_NAMES: Record<(typeof PLACEMENTS)[number], string> = {
  'before-relu': 'before ReLU (paper)',
  'blog-layout': 'after ReLU, pool (blog)',
};
const OPTIMIZER_NAMES: Record<(typeof OPTIMIZERS)[number], string> = {
  sgd: 'SGD',
  momentum: 'SGD + momentum',
  adam: 'Adam',
};
const SCHEDULE_NAMES: Record<(typeof LR_SCHEDULES)[number], string> = {
  constant: 'constant',
  step: 'step decay',
  cosine: 'cosine decay',
};
const NOISE_NAMES: Record<(typeof NOISE_SCHEDULES)[number], string> = {
  paper: 'paper: new every step',
  blog: 'blog: fixed offsets',
};

const optionsOf = <K extends string>(names: Record<K, string>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));

export const FIELD_GROUPS: FieldGroup[] = [
  {
    title: 'Run',
    fields: [
      { id: 'label', label: 'Name', help: 'shown in the run list and legends' },
      {
        id: 'seeds',
        label: 'Seeds',
        help: `runs with seed, seed + 1, … (1 to ${MAX_LAB_SEEDS}); drawn as one group`,
      },
    ],
  },
  {
    title: 'Data and model',
    fields: [
      {
        id: 'task',
        label: 'Dataset',
        help: 'what is learned',
        path: 'task',
        options: optionsOf(TASK_LABELS),
      },
      {
        id: 'convFilters',
        label: 'Filters per conv layer',
        help: 'comma-separated, 2 to 4 layers, e.g. 8, 16 (the blog’s net)',
        path: 'model.convFilters',
        applies: isCnn,
      },
      {
        id: 'kernelSize',
        label: 'Kernel size',
        help: 'side of each square conv kernel, pixels',
        path: 'model.kernelSize',
        applies: isCnn,
      },
      {
        id: 'linearDepth',
        label: 'Layers',
        help: 'linear layers of the deep linear net',
        path: 'deepLinear.depth',
        applies: (d) => !isCnn(d),
      },
      {
        id: 'linearWidth',
        label: 'Width',
        help: 'units per layer (inputs and outputs too)',
        path: 'deepLinear.width',
        applies: (d) => !isCnn(d),
      },
      {
        id: 'normalization',
        label: 'Normalization',
        help: 'after each conv (or hidden linear) layer',
        path: 'model.normalization',
        options: optionsOf(NORMALIZATION_NAMES),
      },
      {
        id: 'placement',
        label: 'Placement',
        help: 'conv → norm → ReLU → pool, or conv → ReLU → pool → norm',
        path: 'model.placement',
        options: optionsOf(PLACEMENT_NAMES),
        applies: (d) => isCnn(d) && d.normalization !== 'none',
      },
      {
        id: 'gammaInit',
        label: 'BN γ₀',
        help: 'initial scale of BN’s output (0.1 keeps LR 0.5 stable on the CNN)',
        path: 'model.gammaInit',
        applies: isBn,
      },
      {
        id: 'noiseSchedule',
        label: 'Noise',
        help: 'noise injected after each BN layer',
        path: 'model.noise.schedule',
        options: optionsOf(NOISE_NAMES),
        applies: (d) => d.normalization === 'noisy-batchnorm',
      },
    ],
  },
  {
    title: 'Optimizer',
    fields: [
      {
        id: 'optimizer',
        label: 'Optimizer',
        help: 'update rule',
        path: 'optimizer.name',
        options: optionsOf(OPTIMIZER_NAMES),
      },
      {
        id: 'momentum',
        label: 'Momentum',
        help: 'velocity decay, 0 to below 1',
        path: 'optimizer.momentum',
        applies: (d) => d.optimizer === 'momentum',
      },
      {
        id: 'beta1',
        label: 'Adam β₁',
        help: 'first-moment decay',
        path: 'optimizer.beta1',
        applies: (d) => d.optimizer === 'adam',
      },
      {
        id: 'beta2',
        label: 'Adam β₂',
        help: 'second-moment decay',
        path: 'optimizer.beta2',
        applies: (d) => d.optimizer === 'adam',
      },
      {
        id: 'learningRate',
        label: 'Learning rate',
        help: 'step size at step 1',
        path: 'learningRate',
      },
      {
        id: 'lrSchedule',
        label: 'LR schedule',
        help: 'how the rate changes over the run',
        path: 'lrSchedule.name',
        options: optionsOf(SCHEDULE_NAMES),
      },
      {
        id: 'stepEvery',
        label: 'Decay every',
        help: 'steps between decays',
        path: 'lrSchedule.stepEvery',
        applies: (d) => d.lrSchedule === 'step',
      },
      {
        id: 'stepFactor',
        label: 'Decay factor',
        help: 'rate multiplied by this at each decay (0 to 1)',
        path: 'lrSchedule.stepFactor',
        applies: (d) => d.lrSchedule === 'step',
      },
      {
        id: 'minFactor',
        label: 'Final fraction',
        help: 'last step’s rate as a fraction of the first (0 to 1)',
        path: 'lrSchedule.minFactor',
        applies: (d) => d.lrSchedule === 'cosine',
      },
      { id: 'batchSize', label: 'Batch size', help: 'examples per step', path: 'batchSize' },
      { id: 'steps', label: 'Steps', help: 'training steps (one batch each)', path: 'steps' },
      { id: 'seed', label: 'Seed', help: 'initial weights and batch order', path: 'seed' },
    ],
  },
  {
    title: 'Measurements (every N steps)',
    fields: [
      {
        id: 'evalEvery',
        label: 'Test accuracy',
        help: 'on held-out digits, and at the last step',
        path: 'evalEvery',
      },
      {
        id: 'momentsEvery',
        label: 'Moments',
        help: 'mean and variance per layer; 0 = off',
        path: 'measure.momentsEvery',
      },
      {
        id: 'quantilesEvery',
        label: 'Quantiles',
        help: 'activation distribution per layer; 0 = off',
        path: 'measure.quantilesEvery',
      },
      {
        id: 'icsEvery',
        label: 'ICS',
        help: 'the paper’s gradient-change measure; 0 = off',
        path: 'measure.icsEvery',
      },
      {
        id: 'landscapeEvery',
        label: 'Landscape',
        help: 'loss and gradient along the gradient (costly); 0 = off',
        path: 'measure.landscapeEvery',
      },
    ],
  },
];

export const FIELDS: FieldSpec[] = FIELD_GROUPS.flatMap((g) => g.fields);

/** Fields whose value is text as such, not a number or a list. */
const TEXT_FIELDS = new Set<FieldId>([
  'label',
  'task',
  'normalization',
  'placement',
  'noiseSchedule',
  'optimizer',
  'lrSchedule',
]);

/** Read a dotted path of a plain object. */
function getPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}

/** A copy of `value` with the dotted path set (objects along the path are copied). */
function setPath(
  value: Record<string, unknown>,
  path: string,
  leaf: unknown,
): Record<string, unknown> {
  const [key = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...value, [key]: leaf };
  const child = value[key];
  const next =
    child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : {};
  return { ...value, [key]: setPath(next, rest.join('.'), leaf) };
}

/** The draft showing `config` (and a name and seed count). */
export function draftOf(config: RunConfig, label: string, seeds = 1): EditorDraft {
  const draft = { label, seeds: String(seeds) } as EditorDraft;
  for (const field of FIELDS) {
    if (!field.path) continue;
    const value = getPath(config, field.path);
    draft[field.id] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return draft;
}

/** Typed text as a number: blank or anything not a finite number becomes NaN (zod names it). */
const toNumber = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** A comma- or space-separated list of numbers ("8, 16"); a bad entry becomes NaN. */
const toNumberList = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(toNumber);

export type EditorCheck =
  | { ok: true; config: RunConfig; label: string; seeds: number }
  | { ok: false; errors: Partial<Record<FieldId, string>> };

/** The field a schema error belongs to: the longest field path that prefixes the error's path. */
function fieldOfPath(path: string): FieldId | null {
  let best: FieldSpec | null = null;
  for (const field of FIELDS) {
    if (!field.path) continue;
    if (
      (path === field.path || path.startsWith(`${field.path}.`)) &&
      (!best || field.path.length > (best.path?.length ?? 0))
    )
      best = field;
  }
  return best?.id ?? null;
}

/** Parse every field over `base` (fields the editor lacks keep base's values) and validate. */
export function checkEditor(draft: EditorDraft, base: RunConfig): EditorCheck {
  const errors: Partial<Record<FieldId, string>> = {};
  let config: Record<string, unknown> = { ...base };
  for (const field of FIELDS) {
    // A field that does not apply (momentum under Adam, say) keeps base's value, typed or not.
    if (!field.path || (field.applies && !field.applies(draft))) continue;
    const text = draft[field.id];
    const value = TEXT_FIELDS.has(field.id)
      ? text
      : field.id === 'convFilters'
        ? toNumberList(text)
        : toNumber(text);
    config = setPath(config, field.path, value);
  }
  const check = checkRunConfig(config);
  if (!check.ok) {
    for (const { path, message } of check.errors) {
      // An error on a setting the form does not show is said beside the name, with its path.
      const field = fieldOfPath(path);
      const shown = field && FIELDS.find((f) => f.id === field)?.applies?.(draft) !== false;
      if (field && shown) errors[field] ??= message;
      else errors.label ??= `${path}: ${message}`;
    }
  }
  const label = draft.label.replace(/\s+/g, ' ').trim();
  if (label === '') errors.label ??= 'give the run a name';
  const seeds = toNumber(draft.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_LAB_SEEDS)
    errors.seeds = `must be a whole number from 1 to ${MAX_LAB_SEEDS}`;
  if (Object.keys(errors).length > 0 || !check.ok) return { ok: false, errors };
  return { ok: true, config: check.config, label, seeds };
}
