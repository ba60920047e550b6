/**
 * Sorting the run table: values compared with missing ones last, seed groups ordered as wholes by
 * their first member's value or their members' mean, ties kept in list order. Pure.
 */
import type { RunGroup } from '../runGroups';

/** What a column sorts by: a number, a text, or undefined when the run has none. */
export type SortValue = number | string | undefined;

/** Sort directions, named as `aria-sort` names them. */
export type SortDirection = 'ascending' | 'descending';

/** The table's sort: a column's key and its direction. */
export interface SortState {
  column: string;
  direction: SortDirection;
}

/** How a seed group's value is taken from its members'. */
export type GroupValue = 'first' | 'mean';

/** Orders texts as people read them: "run 2" before "run 10", case aside. */
const TEXT_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Whether a value counts as missing: undefined, or a number that is not finite. */
export const isMissing = (value: SortValue): value is undefined =>
  value === undefined || (typeof value === 'number' && !Number.isFinite(value));

/** Ascending order of two present values: numbers by size, texts by reading order, numbers first. */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return TEXT_ORDER.compare(a, b);
}

/** A group's value: the mean of its members' finite numbers, or its first member's value. */
export function groupValue(values: readonly SortValue[], how: GroupValue): SortValue {
  if (how === 'first') return values[0];
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return undefined;
  return numbers.reduce((sum, v) => sum + v, 0) / numbers.length;
}

/**
 * `groups` ordered by their values (from `valueOf` of each member, combined as `how` says) in
 * `direction`; groups without a value go last either way, and ties keep their order.
 */
export function sortGroups(
  groups: readonly RunGroup[],
  valueOf: (runId: string) => SortValue,
  direction: SortDirection,
  how: GroupValue,
): RunGroup[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const keyed = groups.map((group, index) => ({
    group,
    index,
    value: groupValue(group.runIds.map(valueOf), how),
  }));
  keyed.sort((a, b) => {
    const aMissing = isMissing(a.value);
    const bMissing = isMissing(b.value);
    if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
    return sign * compareValues(a.value ?? 0, b.value ?? 0) || a.index - b.index;
  });
  return keyed.map((k) => k.group);
}

/** The sort after a click on `column`'s header: ascending, then descending, then list order. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}
