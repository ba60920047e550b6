/**
 * The settings a sweep figure can put on its x axis (numeric ones) and split its lines by (any),
 * read from a run's config by field path ("learningRate", "model.normalization").
 */
import type { RunConfig } from '../../shared/runConfig';
import { settingPhrase } from '../../shared/settingNames';

/** A setting of the x axis: numeric, with the scale its values are usually spread on. */
export interface AxisSetting {
  label: string;
  /** Log for settings swept by factors (learning rate, batch size). */
  scale: 'log' | 'linear';
}

/** Numeric settings the x axis can show, by field path, in menu order. */
export const AXIS_SETTINGS = {
  learningRate: { label: 'learning rate', scale: 'log' },
  batchSize: { label: 'batch size', scale: 'log' },
  'model.gammaInit': { label: 'BN γ₀', scale: 'linear' },
  'optimizer.momentum': { label: 'momentum', scale: 'linear' },
  'model.kernelSize': { label: 'kernel size', scale: 'linear' },
  'deepLinear.depth': { label: 'linear depth', scale: 'linear' },
  steps: { label: 'steps', scale: 'linear' },
} as const satisfies Record<string, AxisSetting>;

export type AxisSettingId = keyof typeof AXIS_SETTINGS;
export const AXIS_SETTING_IDS = Object.keys(AXIS_SETTINGS) as AxisSettingId[];

/** Settings that split the figure into lines, by field path, in menu order ('' = one line). */
export const LINE_SETTINGS = {
  '': 'nothing (one line)',
  'model.normalization': 'normalization',
  'optimizer.name': 'optimizer',
  'model.placement': 'BN placement',
  'lrSchedule.name': 'LR schedule',
  task: 'network',
  learningRate: 'learning rate',
  batchSize: 'batch size',
  'model.gammaInit': 'BN γ₀',
} as const satisfies Record<string, string>;

export type LineSettingId = keyof typeof LINE_SETTINGS;
export const LINE_SETTING_IDS = Object.keys(LINE_SETTINGS) as LineSettingId[];

export const isAxisSettingId = (id: string): id is AxisSettingId =>
  Object.hasOwn(AXIS_SETTINGS, id);
export const isLineSettingId = (id: string): id is LineSettingId =>
  Object.hasOwn(LINE_SETTINGS, id);

/** The value at field path `path` of `config` ("model.normalization"), undefined when absent. */
export function settingValue(config: RunConfig, path: string): unknown {
  let at: unknown = config;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The x value of a run: its numeric setting at `path`, NaN when it has none. */
export function axisValue(config: RunConfig, path: AxisSettingId): number {
  const value = settingValue(config, path);
  return typeof value === 'number' ? value : NaN;
}

/** The line a run belongs to: a key and a name ("BN", "LR 0.5"); one line when `path` is ''. */
export function lineOf(config: RunConfig, path: LineSettingId): { key: string; name: string } {
  if (path === '') return { key: '', name: 'all runs' };
  const value = settingValue(config, path);
  return { key: JSON.stringify(value) ?? 'undefined', name: settingPhrase(path, value) };
}
