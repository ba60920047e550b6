/**
 * "How large a step can each network take?": the CNN without normalization, with BN and with the
 * ℓ2 normalization, each over a ladder of learning rates from 0.01 to 2. Drawn as one sweep figure
 * (final test accuracy against learning rate, a line per normalization), the figure that shows
 * BN's benefit most directly: the range of step sizes that train.
 */
import type { NormalizationName } from '../shared/runConfig';
import { cnnRun, DEFAULT_SETTINGS, NORMALIZATION_LABELS, NORMALIZATION_STYLES } from './runs';
import type { Experiment, PlannedRun } from './types';

/** The ladder of learning rates, about two per factor of ten (the form's default). */
const STEP_SIZE_LEARNING_RATES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2] as const;
/** Normalizations compared, one line each. */
const STEP_SIZE_NORMS: readonly NormalizationName[] = ['none', 'batchnorm', 'l2'];
/** Most learning rates the form takes for this experiment. */
const MAX_RATES = 10;
/** Test accuracy every this many steps: the figure reads the last one (always evaluated). */
const EVAL_EVERY = 100;
/** The panel that holds every run. */
const STEP_SIZE_PANEL = 'sweep';

export const stepSize: Experiment = {
  id: 'step-size',
  title: 'How large a step can each network take?',
  summary:
    'The same CNN without normalization, with BN and with the ℓ2 normalization, each trained at ' +
    'eight learning rates from 0.01 to 2: twenty-four runs, drawn as one figure of final test ' +
    'accuracy against the learning rate. The dots and bands before you train are the shipped ' +
    'results of three seeds; lower the steps or the list of rates for a quicker live version.',
  panels: () => [{ id: STEP_SIZE_PANEL, title: 'Final test accuracy against learning rate' }],
  metrics: ['testAccuracy'],
  sweepFigure: true,
  maxLearningRates: MAX_RATES,
  settingsHelp: {
    learningRates: `SGD step sizes, one point per line each (up to ${MAX_RATES}), e.g. 0.01, 0.1, 1`,
    evalEvery: 'steps between test-accuracy evaluations (the figure reads the last)',
  },
  defaults: {
    ...DEFAULT_SETTINGS,
    evalEvery: EVAL_EVERY,
    learningRates: [...STEP_SIZE_LEARNING_RATES],
  },
  plan: (settings) =>
    STEP_SIZE_NORMS.flatMap((norm) =>
      settings.learningRates.map((lr): PlannedRun => ({
        key: `${norm}-lr${lr}`,
        label: `${NORMALIZATION_LABELS[norm]}, LR ${lr}`,
        config: cnnRun(settings, norm, lr),
        panel: STEP_SIZE_PANEL,
        style: NORMALIZATION_STYLES[norm],
      })),
    ),
};
