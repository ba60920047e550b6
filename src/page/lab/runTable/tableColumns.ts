/**
 * The run table's sortable columns: their keys, headers, and each run's value in them (setting
 * columns are keyed "setting:<path>"). Pure.
 */
import type { RunConfig } from '../../../shared/runConfig';
import { RUN_STATUSES, type RunStatus } from '../../../shared/runStatus';
import { settingText, settingValue } from './settingColumns';
import type { GroupValue, SortValue } from './sortRuns';

/** Keys of the fixed sortable columns. */
export const NAME = 'name';
export const STATUS = 'status';
export const STEP = 'step';
export const TRAIN_LOSS = 'trainLoss';
export const TEST_ACCURACY = 'testAccuracy';

/** Columns whose values change while runs train (read from the store only while sorted by). */
export const LIVE_COLUMNS: ReadonlySet<string> = new Set([STEP, TRAIN_LOSS, TEST_ACCURACY]);

/** Prefix of a setting column's key. */
const SETTING_PREFIX = 'setting:';

/** The key of the column of setting `path`. */
export const settingKey = (path: string) => `${SETTING_PREFIX}${path}`;

/** The setting path of a column key, or undefined for a fixed column. */
export const settingPathOf = (column: string): string | undefined =>
  column.startsWith(SETTING_PREFIX) ? column.slice(SETTING_PREFIX.length) : undefined;

/** What a run's sort value is read from. */
export interface RunFacts {
  label: string;
  status: RunStatus;
  config: RunConfig;
  /** Its value in the live column sorted by (steps, last train loss or test accuracy), if any. */
  live?: number;
}

/** A run's value in `column`: statuses in lifecycle order, settings as numbers or text. */
export function sortValue(column: string, run: RunFacts): SortValue {
  const path = settingPathOf(column);
  if (path !== undefined) {
    const value = settingValue(run.config, path);
    if (value === undefined) return undefined;
    return typeof value === 'number' ? value : settingText(run.config, path);
  }
  if (column === NAME) return run.label;
  if (column === STATUS) return RUN_STATUSES.indexOf(run.status);
  return LIVE_COLUMNS.has(column) ? run.live : undefined;
}

/** How a seed group's value in `column` is taken: the mean of live numbers, else the first seed's. */
export const groupValueOf = (column: string): GroupValue =>
  LIVE_COLUMNS.has(column) ? 'mean' : 'first';
