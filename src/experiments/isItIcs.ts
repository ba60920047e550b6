/**
 * "Is it internal covariate shift?": plain vs BN vs noisy BN (noise right after each BN layer, so
 * the next layer's input distribution keeps shifting). If BN helped by reducing ICS, noisy BN
 * should train badly; the paper finds it trains about as well as BN.
 */
import type { NormalizationName } from '../shared/runConfig';
import { cnnRun, DEFAULT_SETTINGS, NORMALIZATION_LABELS, NORMALIZATION_STYLES } from './runs';
import type { Experiment } from './types';

/** The blog's learning rate for its ICS experiments. */
export const ICS_LEARNING_RATE = 0.3;
/** Moments every this many steps (each needs the step before it too), ICS and quantiles less often. */
const ICS_MEASURE = { momentsEvery: 5, icsEvery: 10, quantilesEvery: 25 };
const NORMS: NormalizationName[] = ['none', 'batchnorm', 'noisy-batchnorm'];

export const isItIcs: Experiment = {
  id: 'is-it-ics',
  title: 'Is it internal covariate shift?',
  summary:
    'Plain CNN, CNN + BN, and CNN + BN with noise injected after every BN layer (a random scale ' +
    'and shift per layer and step, as in the paper), at learning rate 0.3. The charts show train ' +
    'accuracy, how much the mean and variance of layer 2’s inputs change from step to step, and ' +
    'the paper’s ICS measure for conv 2. About a minute and a half on a laptop CPU at 300 steps.',
  panels: [{ id: 'ics', title: `Learning rate ${ICS_LEARNING_RATE}` }],
  metrics: [
    'trainAccuracy',
    'testAccuracy',
    'meanShift2',
    'varShift2',
    'meanShiftClean2',
    'icsL2Layer2',
    'icsCosLayer2',
    'costIcsMs',
  ],
  defaults: DEFAULT_SETTINGS,
  plan: (settings) =>
    NORMS.map((norm) => ({
      key: norm,
      label: NORMALIZATION_LABELS[norm],
      config: cnnRun(settings, norm, ICS_LEARNING_RATE, ICS_MEASURE),
      panel: 'ics',
      style: NORMALIZATION_STYLES[norm],
    })),
};
