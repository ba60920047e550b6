/**
 * Two runs' configurations side by side: a config flattened to one row per setting (dotted path,
 * value as text) in schema order, the row-by-row comparison of two configs, and readable names.
 * Pure: no React, no store.
 */
import { z } from '../../shared/zod';
import { runConfigSchema, type RunConfig } from '../../shared/runConfig';
import { datasetLabel, isDatasetId } from '../../shared/datasets';

/** One setting of a flattened config: its dotted path and its value as text. */
export interface ConfigEntry {
  path: string;
  value: string;
}

/** One row of a comparison: the setting's value in config A and in config B. */
export interface ConfigDiffRow {
  path: string;
  a: string;
  b: string;
  differs: boolean;
}

/** Shown for a setting one config has and the other lacks. */
export const MISSING_VALUE = '–';

/** A value as a cell shows it: numbers as written (no grouping, no rounding), arrays as "8, 16". */
function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value === null || value === undefined) return MISSING_VALUE;
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The field schemas of an object schema, in declaration order (none for any other schema). */
function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

function collect(
  value: unknown,
  schema: z.ZodType | undefined,
  prefix: string,
  out: ConfigEntry[],
) {
  if (!isRecord(value)) {
    // A dataset reads by its name ("Fashion-MNIST", "my shapes (local)"), not its id.
    const text =
      prefix === 'dataset' && isDatasetId(value) ? datasetLabel(value) : formatValue(value);
    out.push({ path: prefix, value: text });
    return;
  }
  const shape = shapeOf(schema);
  // Schema order first, then (for a config from an older version, say) keys the schema lacks.
  const known = Object.keys(shape).filter((key) => key in value);
  const extra = Object.keys(value).filter((key) => !(key in shape));
  for (const key of [...known, ...extra]) {
    collect(value[key], shape[key], prefix ? `${prefix}.${key}` : key, out);
  }
}

/** Every setting of `config`, one entry per leaf (arrays are one leaf), in schema order. */
export function flattenConfig(config: RunConfig): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  collect(config, runConfigSchema, '', out);
  return out;
}

/**
 * Both configs setting by setting: A's paths in order, then any only B has, each with both values
 * (MISSING_VALUE where a config lacks it) and whether they differ.
 */
export function diffConfigs(a: RunConfig, b: RunConfig): ConfigDiffRow[] {
  const left = new Map(flattenConfig(a).map((e) => [e.path, e.value]));
  const right = new Map(flattenConfig(b).map((e) => [e.path, e.value]));
  const paths = [...left.keys(), ...[...right.keys()].filter((path) => !left.has(path))];
  return paths.map((path) => {
    const inA = left.get(path);
    const inB = right.get(path);
    return {
      path,
      a: inA ?? MISSING_VALUE,
      b: inB ?? MISSING_VALUE,
      differs: inA !== inB,
    };
  });
}

/** Readable names of config paths; paths not listed are shown as they are. */
const PATH_NAMES: Record<string, string> = {
  task: 'Task',
  dataset: 'Dataset',
  'model.convFilters': 'Filters per conv layer',
  'model.kernelSize': 'Kernel size',
  'model.normalization': 'Normalization',
  'model.placement': 'Placement',
  'model.gammaInit': 'BN γ₀',
  'model.runningMomentum': 'BN running-average momentum',
  'model.epsilon': 'Normalization ε',
  'model.noise.schedule': 'Noise schedule',
  'model.noise.meanRange': 'Noise mean range',
  'model.noise.scaleLow': 'Noise scale, low',
  'model.noise.scaleHigh': 'Noise scale, high',
  'model.noise.meanJitter': 'Noise mean jitter',
  'model.noise.scaleStd': 'Noise scale sd',
  'model.noise.blogMeans': 'Blog noise means',
  'model.noise.blogStds': 'Blog noise sds',
  'deepLinear.depth': 'Deep linear layers',
  'deepLinear.width': 'Deep linear width',
  'deepLinear.samples': 'Deep linear samples',
  'deepLinear.dataSeed': 'Deep linear data seed',
  'measure.momentsEvery': 'Moments every (steps)',
  'measure.quantilesEvery': 'Quantiles every (steps)',
  'measure.icsEvery': 'ICS every (steps)',
  'measure.landscapeEvery': 'Landscape every (steps)',
  'measure.etaMin': 'Landscape η min (× LR)',
  'measure.etaMax': 'Landscape η max (× LR)',
  'measure.etaCount': 'Landscape η points',
  'measure.activationLayer': 'Activation landscape layer',
  'optimizer.name': 'Optimizer',
  'optimizer.momentum': 'Momentum',
  'optimizer.beta1': 'Adam β₁',
  'optimizer.beta2': 'Adam β₂',
  learningRate: 'Learning rate',
  'lrSchedule.name': 'LR schedule',
  'lrSchedule.stepEvery': 'LR decay every (steps)',
  'lrSchedule.stepFactor': 'LR decay factor',
  'lrSchedule.minFactor': 'LR final fraction',
  batchSize: 'Batch size',
  steps: 'Steps',
  seed: 'Seed',
  'data.trainSize': 'Training images',
  'data.testSize': 'Test images',
  'data.splitSeed': 'Split seed',
  evalEvery: 'Test accuracy every (steps)',
  evalSize: 'Test images per evaluation',
};

/** A config path's readable name ("model.normalization" -> "Normalization"), else the path. */
export function describePath(path: string): string {
  return Object.hasOwn(PATH_NAMES, path) ? (PATH_NAMES[path] ?? path) : path;
}
