/**
 * "Beyond BN" (paper sec. 4): if BN works by smoothing the landscape rather than by fixing
 * distributions, other normalizations should help too. None vs BN vs l1, l2, l-infinity
 * normalization, at a moderate and a high learning rate.
 */
import type { NormalizationName } from '../shared/runConfig';
import {
  cnnRun,
  DEFAULT_SETTINGS,
  learningRateTitle,
  NORMALIZATION_LABELS,
  NORMALIZATION_STYLES,
} from './runs';
import type { Experiment, PlannedRun } from './types';

const BEYOND_LEARNING_RATES = [0.1, 0.5] as const;
const NORMS: NormalizationName[] = ['none', 'batchnorm', 'l1', 'l2', 'linf'];

export const beyondBn: Experiment = {
  id: 'beyond-bn',
  title: 'Beyond batch normalization',
  summary:
    'The same CNN without normalization, with BN, and with the ℓ1, ℓ2 and ℓ∞ normalizations of the ' +
    'paper (subtract the batch mean, divide by an average ℓp norm), at learning rate 0.1 and 0.5. ' +
    'Ten runs: a little over a minute on a 2-core CPU at 300 steps; lower the steps for a quick look.',
  panels: (settings) =>
    settings.learningRates.map((lr) => ({ id: `lr-${lr}`, title: learningRateTitle(lr) })),
  metrics: ['testAccuracy', 'trainLoss'],
  defaults: { ...DEFAULT_SETTINGS, learningRates: [...BEYOND_LEARNING_RATES] },
  plan: (settings) =>
    settings.learningRates.flatMap((lr): PlannedRun[] =>
      NORMS.map((norm) => ({
        key: `${norm}-lr${lr}`,
        label: `${NORMALIZATION_LABELS[norm]}, LR ${lr}`,
        config: cnnRun(settings, norm, lr),
        panel: `lr-${lr}`,
        style: NORMALIZATION_STYLES[norm],
      })),
    ),
};
