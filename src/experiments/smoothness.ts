/**
 * "The error surface": plain vs BN with the loss landscape probed along the gradient every few
 * steps (paper fig. 4): the range of losses over step sizes, how much the gradient changes, and
 * the effective beta-smoothness; plus the blog's loss change between steps.
 */
import type { NormalizationName } from '../shared/runConfig';
import { cnnRun, DEFAULT_SETTINGS, NORMALIZATION_LABELS, NORMALIZATION_STYLES } from './runs';
import type { Experiment } from './types';
import { MEASURE_PRESETS } from '../shared/measurePresets';

/** The learning rate the landscape is probed at (its eta grid is 0.5x..4x this). */
export const SMOOTHNESS_LEARNING_RATE = 0.1;
const NORMS: NormalizationName[] = ['none', 'batchnorm'];
/** How the landscape is probed: cadence and step-size grid. */
const PROBE = MEASURE_PRESETS.smoothness;

export const smoothness: Experiment = {
  id: 'smoothness',
  title: 'A smoother error surface?',
  summary:
    `Plain CNN vs CNN + BN at learning rate ${SMOOTHNESS_LEARNING_RATE}. Every ${PROBE.landscapeEvery} ` +
    `steps the loss and its gradient are evaluated at ${PROBE.etaCount} step sizes from ` +
    `${PROBE.etaMin * SMOOTHNESS_LEARNING_RATE} to ${PROBE.etaMax * SMOOTHNESS_LEARNING_RATE} ` +
    'along the gradient of that step’s batch: the spread ' +
    'of the loss, the change of the gradient, and the effective β-smoothness. About 15 seconds on a ' +
    '2-core CPU at 300 steps.',
  panels: [{ id: 'smooth', title: `Learning rate ${SMOOTHNESS_LEARNING_RATE}` }],
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
  defaults: DEFAULT_SETTINGS,
  plan: (settings) =>
    NORMS.map((norm) => ({
      key: norm,
      label: NORMALIZATION_LABELS[norm],
      config: cnnRun(settings, norm, SMOOTHNESS_LEARNING_RATE, PROBE),
      panel: 'smooth',
      style: NORMALIZATION_STYLES[norm],
    })),
};
