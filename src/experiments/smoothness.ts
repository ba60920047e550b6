/**
 * "The error surface": plain vs BN with the loss landscape probed along the gradient every few
 * steps (paper fig. 4): the range of losses over step sizes, how much the gradient changes, and
 * the effective beta-smoothness; plus the blog's loss change between steps.
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
import { MEASURE_PRESETS } from '../shared/measurePresets';

/** The learning rate the landscape is probed at (its eta grid is 0.5x..4x this). */
export const SMOOTHNESS_LEARNING_RATE = 0.1;
/** A second, higher rate: at this scale BN's smoother surface shows more clearly there. */
export const SMOOTHNESS_HIGH_LEARNING_RATE = 0.3;
const RATES = [SMOOTHNESS_LEARNING_RATE, SMOOTHNESS_HIGH_LEARNING_RATE] as const;
const NORMS: NormalizationName[] = ['none', 'batchnorm'];
/** The panel of the `index`-th learning rate ('smooth' for the first, as in the first release). */
const panelId = (lr: number, index: number) => (index === 0 ? 'smooth' : `smooth-lr${lr}`);
/** How the landscape is probed: cadence and step-size grid. */
const PROBE = MEASURE_PRESETS.smoothness;

export const smoothness: Experiment = {
  id: 'smoothness',
  title: 'A smoother error surface?',
  summary:
    `Plain CNN vs CNN + BN at learning rates ${RATES.join(' and ')}. Every ${PROBE.landscapeEvery} ` +
    `steps the loss and its gradient are evaluated at ${PROBE.etaCount} step sizes from ` +
    `${PROBE.etaMin}x to ${PROBE.etaMax}x the learning rate ` +
    'along the gradient of that step’s batch: the spread ' +
    'of the loss, the change of the gradient, and the effective β-smoothness. About 15 seconds on a ' +
    '2-core CPU at 300 steps.',
  panels: (settings) =>
    settings.learningRates.map((lr, i) => ({ id: panelId(lr, i), title: learningRateTitle(lr) })),
  metrics: [
    'trainLoss',
    'lossMax',
    'lossMin',
    'gradDiffMax',
    'betaSmoothness',
    'actBeta',
    'lossChange',
    'costLandscapeMs',
  ],
  defaults: { ...DEFAULT_SETTINGS, learningRates: [...RATES] },
  plan: (settings) =>
    settings.learningRates.flatMap((lr, i) =>
      NORMS.map((norm): PlannedRun => ({
        // The first rate keeps the keys it had before the second was added.
        key: i === 0 ? norm : `${norm}-lr${lr}`,
        label: i === 0 ? NORMALIZATION_LABELS[norm] : `${NORMALIZATION_LABELS[norm]}, LR ${lr}`,
        config: cnnRun(settings, norm, lr, PROBE),
        panel: panelId(lr, i),
        style: NORMALIZATION_STYLES[norm],
      })),
    ),
};
