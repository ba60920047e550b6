import { describe, expect, it } from 'vitest';
import type { RunGroup } from '../../../../src/page/lab/runGroups';
import {
  compareValues,
  groupValue,
  isMissing,
  nextSort,
  sortGroups,
  type SortValue,
} from '../../../../src/page/lab/runTable/sortRuns';
import {
  groupValueOf,
  NAME,
  settingKey,
  settingPathOf,
  sortValue,
  STATUS,
  STEP,
  TEST_ACCURACY,
} from '../../../../src/page/lab/runTable/tableColumns';
import { DEFAULT_RUN_CONFIG } from '../../../../src/shared/runConfig';

/** Single-run groups, one per id. */
const singles = (...ids: string[]): RunGroup[] => ids.map((id) => ({ id, runIds: [id] }));
const ids = (groups: RunGroup[]) => groups.map((g) => g.runIds.join('+'));
const from = (values: Record<string, SortValue>) => (id: string) => values[id];

describe('sortGroups', () => {
  it('sorts numbers both ways, missing and NaN last either way, ties in list order', () => {
    const values = from({ a: 3, b: undefined, c: 1, d: NaN, e: 3, f: -Infinity, g: 1 });
    const groups = singles('a', 'b', 'c', 'd', 'e', 'f', 'g');
    expect(ids(sortGroups(groups, values, 'ascending', 'first'))).toEqual([
      'c',
      'g',
      'a',
      'e',
      'b',
      'd',
      'f',
    ]);
    expect(ids(sortGroups(groups, values, 'descending', 'first'))).toEqual([
      'a',
      'e',
      'c',
      'g',
      'b',
      'd',
      'f',
    ]);
  });

  it('sorts texts as read (run 2 before run 10, case aside), numbers before texts', () => {
    const values = from({ a: 'run 10', b: 'Run 2', c: 'run 1', d: 4, e: 'run 2' });
    expect(ids(sortGroups(singles('a', 'b', 'c', 'd', 'e'), values, 'ascending', 'first'))).toEqual(
      ['d', 'c', 'b', 'e', 'a'],
    );
  });

  it('keeps seed groups together, ordered by their mean or their first member', () => {
    const groups: RunGroup[] = [
      { id: 'g', runIds: ['g1', 'g2', 'g3'] },
      { id: 'x', runIds: ['x'] },
      { id: 'h', runIds: ['h1', 'h2'] },
    ];
    // Means: g (0.2 + 0.9 + missing) / 2 = 0.55, x 0.6, h 0.5.
    const accuracy = from({ g1: 0.2, g2: 0.9, g3: undefined, x: 0.6, h1: 0.5, h2: NaN });
    expect(ids(sortGroups(groups, accuracy, 'descending', 'mean'))).toEqual([
      'x',
      'g1+g2+g3',
      'h1+h2',
    ]);
    // By first member: g 0.2, x 0.6, h 0.5.
    expect(ids(sortGroups(groups, accuracy, 'ascending', 'first'))).toEqual([
      'g1+g2+g3',
      'h1+h2',
      'x',
    ]);
    // Members keep their order inside.
    expect(sortGroups(groups, accuracy, 'ascending', 'mean')[0]?.runIds).toEqual(['h1', 'h2']);
  });

  it('does not change its input', () => {
    const groups = singles('b', 'a');
    sortGroups(groups, (id) => id, 'ascending', 'first');
    expect(ids(groups)).toEqual(['b', 'a']);
  });
});

describe('sort helpers', () => {
  it('compares, spots missing values and combines a group', () => {
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues('b', 'a')).toBeGreaterThan(0);
    expect(compareValues(5, 'a')).toBeLessThan(0);
    expect([undefined, NaN, Infinity, 0, ''].map((v) => isMissing(v))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(groupValue([1, undefined, 3, NaN], 'mean')).toBe(2);
    expect(groupValue([undefined, NaN], 'mean')).toBeUndefined();
    expect(groupValue(['b', 'a'], 'first')).toBe('b');
    expect(groupValue([], 'first')).toBeUndefined();
  });

  it('cycles a header ascending, descending, then back to list order', () => {
    const first = nextSort(null, NAME);
    expect(first).toEqual({ column: NAME, direction: 'ascending' });
    const second = nextSort(first, NAME);
    expect(second).toEqual({ column: NAME, direction: 'descending' });
    expect(nextSort(second, NAME)).toBeNull();
    expect(nextSort(second, STEP)).toEqual({ column: STEP, direction: 'ascending' });
  });
});

describe('column values', () => {
  const run = {
    label: 'lr 0.5',
    status: 'running' as const,
    config: { ...DEFAULT_RUN_CONFIG, learningRate: 0.5 },
    live: 42,
  };

  it('reads names, statuses in lifecycle order, live numbers and settings', () => {
    expect(sortValue(NAME, run)).toBe('lr 0.5');
    expect(sortValue(STATUS, run)).toBe(1);
    expect(sortValue(STATUS, { ...run, status: 'queued' })).toBe(0);
    expect(sortValue(STEP, run)).toBe(42);
    expect(sortValue(TEST_ACCURACY, { ...run, live: undefined })).toBeUndefined();
    expect(sortValue(settingKey('learningRate'), run)).toBe(0.5);
    expect(sortValue(settingKey('model.normalization'), run)).toBe(
      DEFAULT_RUN_CONFIG.model.normalization,
    );
    expect(sortValue(settingKey('model.convFilters'), run)).toBe(
      DEFAULT_RUN_CONFIG.model.convFilters.join(', '),
    );
    expect(sortValue(settingKey('model.gone'), run)).toBeUndefined();
    expect(sortValue('unknown', run)).toBeUndefined();
  });

  it('keys setting columns by path, and takes live columns of groups as means', () => {
    expect(settingPathOf(settingKey('model.epsilon'))).toBe('model.epsilon');
    expect(settingPathOf(STEP)).toBeUndefined();
    expect(groupValueOf(TEST_ACCURACY)).toBe('mean');
    expect(groupValueOf(settingKey('seed'))).toBe('first');
    expect(groupValueOf(NAME)).toBe('first');
  });
});
