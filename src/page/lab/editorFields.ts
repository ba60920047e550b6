/**
 * The lab's run editor as data: every field (label, help, where it lives in a RunConfig, when it
 * applies) and the draft of typed text per field. editorDraft.ts turns drafts and configs into
 * each other.
 */
import {
  LR_SCHEDULES,
  NOISE_SCHEDULES,
  NORMALIZATIONS,
  OPTIMIZERS,
  PLACEMENTS,
  TASKS,
} from '../../shared/runConfig';
import { DATASET_INFO, SHIPPED_DATASETS, type DatasetId } from '../../shared/datasets';
import { MAX_LAB_SEEDS } from '../store/labLaunches';

export type FieldId =
  | 'label'
  | 'seeds'
  | 'task'
  | 'dataset'
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
  'mnist-cnn': 'CNN on images',
  'deep-linear': 'deep linear net on Gaussian data',
};
const DATASET_NAMES = Object.fromEntries(
  SHIPPED_DATASETS.map((id) => [id, DATASET_INFO[id].label]),
) as Record<DatasetId, string>;
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
        label: 'Network',
        help: 'what is trained, on what data',
        path: 'task',
        options: optionsOf(TASK_LABELS),
      },
      {
        id: 'dataset',
        label: 'Dataset',
        help: 'the images the CNN trains and is tested on',
        path: 'dataset',
        options: optionsOf(DATASET_NAMES),
        applies: isCnn,
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
        help: 'on held-out images, and at the last step',
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
