/**
 * "Does BN work?": the blog's first experiment. The same CNN with and without batch normalization,
 * plain SGD at batch 20, at a moderate (0.1) and a high (0.5) learning rate.
 */
import { DEFAULT_RUN_CONFIG, type NormalizationName, type RunConfig } from '../shared/runConfig';
import { OKABE_ITO } from './palette';
import type { Experiment, ExperimentSettings, PlannedRun, RunStyle } from './types';

/** The blog's two learning rates. */
export const LEARNING_RATES = [0.1, 0.5] as const;

/** Plain dashed vermillion, BN solid blue: told apart by colour and by dash. */
const STYLES: Record<NormalizationName, RunStyle> = {
  none: { color: OKABE_ITO.vermillion, dashed: true },
  batchnorm: { color: OKABE_ITO.blue, dashed: false },
};

const LABELS: Record<NormalizationName, string> = { none: 'CNN', batchnorm: 'CNN + BN' };

const DEFAULTS: ExperimentSettings = {
  steps: 300,
  gammaInit: DEFAULT_RUN_CONFIG.model.gammaInit,
  placement: DEFAULT_RUN_CONFIG.model.placement,
  seed: DEFAULT_RUN_CONFIG.seed,
  evalEvery: DEFAULT_RUN_CONFIG.evalEvery,
};

function configFor(
  settings: ExperimentSettings,
  normalization: NormalizationName,
  learningRate: number,
): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    model: {
      ...DEFAULT_RUN_CONFIG.model,
      normalization,
      gammaInit: settings.gammaInit,
      placement: settings.placement,
    },
    learningRate,
    steps: settings.steps,
    seed: settings.seed,
    evalEvery: settings.evalEvery,
  };
}

export const doesBnWork: Experiment = {
  id: 'does-bn-work',
  title: 'Does batch normalization work?',
  summary:
    'Four runs of the same small CNN on 8,000 real MNIST digits, plain SGD with 20 digits per step: ' +
    'without and with batch normalization, at learning rate 0.1 and 0.5. At 0.5 the plain network ' +
    'usually stalls (its ReLUs die) while the normalized one keeps learning. At the default 300 ' +
    'steps it takes about a minute on a laptop CPU (wasm backend).',
  panels: LEARNING_RATES.map((lr) => ({ id: `lr-${lr}`, title: `Learning rate ${lr}` })),
  metrics: ['testAccuracy', 'trainLoss', 'deadConv2'],
  defaults: DEFAULTS,
  plan(settings) {
    return LEARNING_RATES.flatMap((lr): PlannedRun[] =>
      (['none', 'batchnorm'] as const).map((norm) => ({
        key: `${norm}-lr${lr}`,
        label: `${LABELS[norm]}, LR ${lr}`,
        config: configFor(settings, norm, lr),
        panel: `lr-${lr}`,
        style: STYLES[norm],
      })),
    );
  },
};
