/**
 * "Is it internal covariate shift?": plain vs BN vs noisy BN (noise right after each BN layer, so
 * the next layer's input distribution keeps shifting). If BN helped by reducing ICS, noisy BN
 * should train badly; the paper finds it trains about as well as BN.
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

/**
 * Learning rate 0.1 (the blog used 0.3): with BN's usual gamma0 = 1, which this preset needs, BN
 * itself dies at 0.3 in some seeds on this net, which would confound the comparison.
 */
export const ICS_LEARNING_RATE = 0.1;
/**
 * gamma0 = 1, as in the paper: the injected noise (shifts up to +-0.5, scales 1-1.25) is then
 * comparable to the normalized signal. With the CNN presets' 0.1 the noise would be five times the
 * signal and kill layers outright, a different experiment from the paper's.
 */
const ICS_GAMMA = 1;
const NORMS: NormalizationName[] = ['none', 'batchnorm', 'noisy-batchnorm'];
/**
 * A second, higher learning rate: at this scale whether BN has more or less ICS than the plain
 * network depends on it, so the section shows both. Plain and BN only, BN with gamma0 0.1 as in the
 * CNN presets (with gamma0 1 BN dies at this rate on some seeds).
 */
export const ICS_HIGH_LEARNING_RATE = 0.3;
const HIGH_LR_GAMMA = 0.1;
const HIGH_LR_NORMS: NormalizationName[] = ['none', 'batchnorm'];

/** Panel of the `index`-th learning rate (ids stay those of the first release at the defaults). */
const panelId = (index: number) =>
  index === 0 ? 'ics' : index === 1 ? 'ics-high' : `ics-high-${index}`;

export const isItIcs: Experiment = {
  id: 'is-it-ics',
  title: 'Is it internal covariate shift?',
  summary:
    'Plain CNN, CNN + BN, and CNN + BN with noise injected after every BN layer (a random scale ' +
    `and shift per layer and step, as in the paper), at learning rate ${ICS_LEARNING_RATE} with ` +
    'BN’s usual γ₀ = 1; and plain vs BN again at ' +
    `${ICS_HIGH_LEARNING_RATE}, where the answer changes. The charts show train accuracy, how much ` +
    'the mean and variance of layer 2’s inputs change from step to step, and the paper’s ICS ' +
    'measure for conv 2. Five runs of 300 steps, each measuring as it trains: about a minute on a ' +
    '2-core CPU. The first learning rate compares all three; each further one, plain vs BN.',
  panels: (settings) =>
    settings.learningRates.map((lr, i) => ({
      id: panelId(i),
      title: i === 0 ? learningRateTitle(lr) : `${learningRateTitle(lr)} (BN γ₀ ${HIGH_LR_GAMMA})`,
    })),
  metrics: [
    'trainAccuracy',
    'testAccuracy',
    'meanShift2',
    'varShift2',
    'varShiftRel2',
    'meanShiftClean2',
    'icsL2Layer2',
    'icsRelLayer2',
    'icsCosLayer2',
    'costIcsMs',
  ],
  distributionLayer: 2,
  settingsHelp: {
    gammaInit: 'initial scale of BN’s output at the first learning rate; 1 as in the paper',
    learningRates: `the first compares all three; the others plain vs BN with γ₀ ${HIGH_LR_GAMMA}`,
  },
  defaults: {
    ...DEFAULT_SETTINGS,
    gammaInit: ICS_GAMMA,
    learningRates: [ICS_LEARNING_RATE, ICS_HIGH_LEARNING_RATE],
  },
  plan: (settings) =>
    settings.learningRates.flatMap((lr, i): PlannedRun[] =>
      i === 0
        ? NORMS.map((norm) => ({
            key: norm,
            label: NORMALIZATION_LABELS[norm],
            config: cnnRun(settings, norm, lr, MEASURE_PRESETS.ics),
            panel: panelId(i),
            style: NORMALIZATION_STYLES[norm],
          }))
        : HIGH_LR_NORMS.map((norm) => ({
            key: `${norm}-lr${lr}`,
            label: `${NORMALIZATION_LABELS[norm]}, LR ${lr}`,
            config: cnnRun(
              { ...settings, gammaInit: HIGH_LR_GAMMA },
              norm,
              lr,
              MEASURE_PRESETS.ics,
            ),
            panel: panelId(i),
            style: NORMALIZATION_STYLES[norm],
          })),
    ),
};
