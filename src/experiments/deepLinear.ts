/**
 * "Deep linear network" (paper): a product of linear layers fit to a fixed random linear map on
 * Gaussian data, full-batch gradient descent, with and without BN. No nonlinearity, no data
 * structure: whatever BN changes here, it changes through the optimization landscape alone.
 */
import { DEFAULT_RUN_CONFIG, type NormalizationName, type RunConfig } from '../shared/runConfig';
import { DEFAULT_SETTINGS, learningRateTitle, NORMALIZATION_STYLES } from './runs';
import type { Experiment, ExperimentSettings, PlannedRun } from './types';
import { MEASURE_PRESETS } from '../shared/measurePresets';

/** Learning rates: the best for the plain net here, and one where plain GD starts to oscillate. */
const LINEAR_LEARNING_RATES = [0.003, 0.01] as const;
/** Every data point in every step (full-batch gradient descent, as in the paper). */
const FULL_BATCH = DEFAULT_RUN_CONFIG.deepLinear.samples;
/** BN's initial scale: 1 suits this task (0.1, the CNN's choice, trains it markedly slower). */
const LINEAR_GAMMA = 1;
const NORMS: NormalizationName[] = ['none', 'batchnorm'];
const LABELS: Partial<Record<NormalizationName, string>> = {
  none: 'Linear net',
  batchnorm: 'Linear net + BN',
};

function linearRun(
  settings: ExperimentSettings,
  normalization: NormalizationName,
  lr: number,
): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    task: 'deep-linear',
    model: { ...DEFAULT_RUN_CONFIG.model, normalization, gammaInit: settings.gammaInit },
    measure: { ...DEFAULT_RUN_CONFIG.measure, ...MEASURE_PRESETS.deepLinear },
    learningRate: lr,
    batchSize: FULL_BATCH,
    steps: settings.steps,
    seed: settings.seed,
    evalEvery: settings.evalEvery,
  };
}

export const deepLinear: Experiment = {
  id: 'deep-linear',
  title: 'A deep linear network',
  summary:
    'Ten 10x10 linear layers, no biases, fit to y = A x for a fixed Gaussian matrix A on 1,000 ' +
    'Gaussian points, with full-batch gradient descent: without and with BN after each hidden ' +
    'layer, at learning rate 0.003 and 0.01. Chance has nothing to do with it: the loss starts ' +
    'near 100 and a perfect fit is 0. ICS of the last layer and the landscape along the gradient ' +
    'every 10 steps. About 20 seconds on a 2-core CPU at 200 steps.',
  panels: (settings) =>
    settings.learningRates.map((lr) => ({ id: `lr-${lr}`, title: learningRateTitle(lr) })),
  metrics: ['trainLoss', 'icsL2Last', 'icsCosLast', 'betaSmoothness', 'lossMax'],
  // At LR 0.01 a seed's loss along the gradient and beta reach 1e5-1e6 on a few steps.
  logMetrics: ['trainLoss', 'betaSmoothness', 'lossMax'],
  defaults: {
    ...DEFAULT_SETTINGS,
    steps: 200,
    gammaInit: LINEAR_GAMMA,
    learningRates: [...LINEAR_LEARNING_RATES],
  },
  settingsHelp: {
    steps: 'full-batch gradient steps per run (all 1,000 points each)',
    gammaInit: 'initial scale of BN’s output; 1 suits this network',
  },
  hiddenSettings: ['placement', 'evalEvery', 'dataset'],
  plan: (settings) =>
    settings.learningRates.flatMap((lr): PlannedRun[] =>
      NORMS.map((norm) => ({
        key: `${norm}-lr${lr}`,
        label: `${LABELS[norm] ?? norm}, LR ${lr}`,
        config: linearRun(settings, norm, lr),
        panel: `lr-${lr}`,
        style: NORMALIZATION_STYLES[norm],
      })),
    ),
};
