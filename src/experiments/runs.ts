/** Building blocks the presets share: a run's config from the form's settings, and run styles. */
import {
  DEFAULT_RUN_CONFIG,
  type MeasureConfig,
  type NormalizationName,
  type RunConfig,
} from '../shared/runConfig';
import { OKABE_ITO } from './palette';
import type { ExperimentSettings, RunStyle } from './types';

/** The default settings of the form but the learning rates, which each experiment chooses. */
export const DEFAULT_SETTINGS: Omit<ExperimentSettings, 'learningRates'> = {
  steps: 300,
  gammaInit: DEFAULT_RUN_CONFIG.model.gammaInit,
  placement: DEFAULT_RUN_CONFIG.model.placement,
  dataset: DEFAULT_RUN_CONFIG.dataset,
  seed: DEFAULT_RUN_CONFIG.seed,
  evalEvery: DEFAULT_RUN_CONFIG.evalEvery,
};

/** Colour (Okabe-Ito) and dash per normalization: every chart tells them apart the same way. */
export const NORMALIZATION_STYLES: Record<NormalizationName, RunStyle> = {
  none: { color: OKABE_ITO.vermillion, dashed: true },
  batchnorm: { color: OKABE_ITO.blue, dashed: false },
  'noisy-batchnorm': { color: OKABE_ITO.green, dashed: false },
  l1: { color: OKABE_ITO.purple, dashed: false },
  l2: { color: OKABE_ITO.orange, dashed: false },
  linf: { color: OKABE_ITO.skyBlue, dashed: false },
};

export const NORMALIZATION_LABELS: Record<NormalizationName, string> = {
  none: 'CNN',
  batchnorm: 'CNN + BN',
  'noisy-batchnorm': 'CNN + noisy BN',
  l1: 'CNN + ℓ1 norm',
  l2: 'CNN + ℓ2 norm',
  linf: 'CNN + ℓ∞ norm',
};

/** The title of a panel that compares runs at one learning rate. */
export const learningRateTitle = (lr: number) => `Learning rate ${lr}`;

/** A CNN run with the form's settings, the given normalization and learning rate. */
export function cnnRun(
  settings: ExperimentSettings,
  normalization: NormalizationName,
  learningRate: number,
  measure: Partial<MeasureConfig> = {},
): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    dataset: settings.dataset,
    model: {
      ...DEFAULT_RUN_CONFIG.model,
      normalization,
      gammaInit: settings.gammaInit,
      placement: settings.placement,
    },
    measure: { ...DEFAULT_RUN_CONFIG.measure, ...measure },
    learningRate,
    steps: settings.steps,
    seed: settings.seed,
    evalEvery: settings.evalEvery,
  };
}
