/**
 * Short names of a setting's value for run names ("LR 0.5", "BN", "batch 64"), so runs of a sweep
 * read apart at a glance: "LR 0.5 · BN" rather than "learningRate=0.5 model.normalization=batchnorm".
 */
import { datasetLabel, isDatasetId } from './datasets';
import type { NormalizationName } from './runConfig';

/** How a normalization is named in a short run name. */
const NORMALIZATION_SHORT_NAMES: Record<NormalizationName, string> = {
  none: 'plain',
  batchnorm: 'BN',
  'noisy-batchnorm': 'noisy BN',
  l1: 'ℓ1',
  l2: 'ℓ2',
  linf: 'ℓ∞',
};

/** "0.5", "batchnorm", "[8,16]": a value as text. */
function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Short names of the settings sweeps vary most, by field path; others use their last segment. */
const SHORT_NAMES: Record<string, (value: unknown) => string> = {
  learningRate: (v) => `LR ${showValue(v)}`,
  'model.normalization': (v) =>
    typeof v === 'string' && Object.hasOwn(NORMALIZATION_SHORT_NAMES, v)
      ? NORMALIZATION_SHORT_NAMES[v as NormalizationName]
      : showValue(v),
  'model.gammaInit': (v) => `γ₀ ${showValue(v)}`,
  'model.placement': (v) => `BN ${showValue(v)}`,
  'model.convFilters': (v) => `filters ${showValue(v)}`,
  batchSize: (v) => `batch ${showValue(v)}`,
  steps: (v) => `${showValue(v)} steps`,
  seed: (v) => `seed ${showValue(v)}`,
  'optimizer.name': (v) => showValue(v),
  'optimizer.momentum': (v) => `momentum ${showValue(v)}`,
  'lrSchedule.name': (v) => `${showValue(v)} schedule`,
  task: (v) => showValue(v),
  dataset: (v) => (isDatasetId(v) ? datasetLabel(v) : showValue(v)),
};

/** A setting's value as a run name shows it: "LR 0.5", "BN", or "<last path segment> <value>". */
export function settingPhrase(path: string, value: unknown): string {
  const named = SHORT_NAMES[path];
  if (named) return named(value);
  return `${path.slice(path.lastIndexOf('.') + 1)} ${showValue(value)}`;
}

/** Run names join their settings' phrases with this. */
export const PHRASE_SEPARATOR = ' · ';
