/**
 * "Does BN work?": the blog's first experiment. The same CNN with and without batch normalization,
 * plain SGD at batch 20, at a moderate (0.1) and a high (0.5) learning rate.
 */
import { DEFAULT_RUN_CONFIG } from '../shared/runConfig';
import {
  cnnRun,
  DEFAULT_SETTINGS,
  learningRateTitle,
  NORMALIZATION_LABELS,
  NORMALIZATION_STYLES,
} from './runs';
import type { Experiment, PlannedRun } from './types';

/**
 * Test accuracy on every held-out digit (not the default 500): "BN learns faster" is a difference
 * of a few points early in training, within the noise of a smaller sample.
 */
const FULL_TEST_SET = DEFAULT_RUN_CONFIG.data.testSize;

/** The blog's two learning rates (the form's default). */
const LEARNING_RATES = [0.1, 0.5] as const;

export const doesBnWork: Experiment = {
  id: 'does-bn-work',
  title: 'Does batch normalization work?',
  summary:
    'Four runs of the same small CNN on 8,000 real MNIST digits, plain SGD with 20 digits per step: ' +
    'without and with batch normalization, at learning rate 0.1 and 0.5. At 0.5 the plain network ' +
    'usually stalls (its ReLUs die) while the normalized one keeps learning. At the default 300 ' +
    'steps it takes about 20 seconds on a 2-core CPU (wasm backend).',
  panels: (settings) =>
    settings.learningRates.map((lr) => ({ id: `lr-${lr}`, title: learningRateTitle(lr) })),
  metrics: ['testAccuracy', 'trainLoss', 'deadConv2'],
  defaults: { ...DEFAULT_SETTINGS, learningRates: [...LEARNING_RATES] },
  settingsHelp: {
    evalEvery: `steps between test-accuracy evaluations (all ${FULL_TEST_SET.toLocaleString('en')} held-out images)`,
  },
  plan(settings) {
    return settings.learningRates.flatMap((lr): PlannedRun[] =>
      (['none', 'batchnorm'] as const).map((norm) => ({
        key: `${norm}-lr${lr}`,
        label: `${NORMALIZATION_LABELS[norm]}, LR ${lr}`,
        config: { ...cnnRun(settings, norm, lr), evalSize: FULL_TEST_SET },
        panel: `lr-${lr}`,
        style: NORMALIZATION_STYLES[norm],
      })),
    );
  },
};
