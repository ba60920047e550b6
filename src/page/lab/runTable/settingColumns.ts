/**
 * The run table's setting columns: which config settings differ among the runs shown, each as a
 * column named by its readable name, and a run's value in it. Pure: no React, no store.
 */
import type { RunConfig } from '../../../shared/runConfig';
import { describePath, flattenConfig, MISSING_VALUE } from '../configDiff';

/** Most setting columns the table shows; the rest are named in the header's tooltip. */
export const MAX_SETTING_COLUMNS = 6;

/** One column: a setting's dotted path and its readable name. */
export interface SettingColumn {
  path: string;
  name: string;
}

/** The differing settings split into those shown as columns and those only named. */
export interface SettingColumns {
  shown: SettingColumn[];
  more: SettingColumn[];
}

/** Flattened configs by config object: a run's config never changes once it starts. */
const flatCache = new WeakMap<RunConfig, ReadonlyMap<string, string>>();

/** A config's settings as text by dotted path, cached per config object. */
function flatOf(config: RunConfig): ReadonlyMap<string, string> {
  const cached = flatCache.get(config);
  if (cached) return cached;
  const flat = new Map(flattenConfig(config).map((entry) => [entry.path, entry.value]));
  flatCache.set(config, flat);
  return flat;
}

/** A setting's value as a cell shows it ("0.5", "batchnorm", "8, 16"), MISSING_VALUE if absent. */
export function settingText(config: RunConfig, path: string): string {
  return flatOf(config).get(path) ?? MISSING_VALUE;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path of a config (a number, string or array), undefined if absent. */
export function settingValue(config: RunConfig, path: string): unknown {
  let at: unknown = config;
  for (const key of path.split('.')) {
    if (!isRecord(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/**
 * Dotted paths of the settings whose values are not all the same across `configs`, in schema
 * order (a setting some config lacks differs); none for fewer than two configs.
 */
export function differingSettings(configs: readonly RunConfig[]): string[] {
  if (configs.length < 2) return [];
  const flats = configs.map(flatOf);
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const flat of flats) {
    for (const path of flat.keys()) {
      if (seen.has(path)) continue;
      seen.add(path);
      const first = flats[0]?.get(path);
      if (flats.some((other) => other.get(path) !== first)) paths.push(path);
    }
  }
  return paths;
}

/** The differing settings as columns: the first MAX_SETTING_COLUMNS shown, the rest named only. */
export function settingColumns(
  configs: readonly RunConfig[],
  max = MAX_SETTING_COLUMNS,
): SettingColumns {
  const columns = differingSettings(configs).map((path) => ({ path, name: describePath(path) }));
  return { shown: columns.slice(0, max), more: columns.slice(max) };
}

/** A seed group's cell: the members' common value, or their distinct values ("1, 2, 3"). */
export function sharedText(configs: readonly RunConfig[], path: string): string {
  return [...new Set(configs.map((config) => settingText(config, path)))].join(', ');
}
