import { describe, expect, it } from 'vitest';
import type { RunGroup } from '../../../../src/page/lab/runGroups';
import { groupablePaths, sectionGroups } from '../../../../src/page/lab/runTable/sections';
import { filterByStatus, hiddenText } from '../../../../src/page/lab/runTable/statusFilter';
import type { RunStatus } from '../../../../src/shared/runStatus';

const groups: RunGroup[] = [
  { id: 'a', runIds: ['a'] },
  { id: 'g', runIds: ['g1', 'g2'] },
  { id: 'b', runIds: ['b'] },
  { id: 'c', runIds: ['c'] },
];

describe('sectionGroups', () => {
  it('puts groups under their first member’s value, sections in order of first appearance', () => {
    const lr: Record<string, string> = { a: '0.1', g1: '0.5', g2: '0.5', b: '0.1', c: '' };
    const sections = sectionGroups(groups, (id) => lr[id] ?? '');
    expect(sections.map((s) => [s.key, s.groups.map((g) => g.id)])).toEqual([
      ['0.1', ['a', 'b']],
      ['0.5', ['g']],
      ['', ['c']],
    ]);
    expect(sectionGroups([], () => 'x')).toEqual([]);
  });

  it('offers only settings every seed group shares (never one that would split a group)', () => {
    const values: Record<string, Record<string, string>> = {
      seed: { a: '1', g1: '1', g2: '2', b: '1', c: '1' },
      learningRate: { a: '0.1', g1: '0.5', g2: '0.5', b: '0.1', c: '0.3' },
    };
    const textOf = (id: string, path: string) => values[path]?.[id] ?? '';
    expect(groupablePaths(['seed', 'learningRate'], groups, textOf)).toEqual(['learningRate']);
    // Without the seed group, seeds can group single runs.
    expect(groupablePaths(['seed'], [groups[0]!, groups[2]!], textOf)).toEqual(['seed']);
    expect(groupablePaths(['seed'], [{ id: 'empty', runIds: [] }], textOf)).toEqual(['seed']);
  });
});

describe('filterByStatus', () => {
  const status: Record<string, RunStatus> = {
    a: 'running',
    g1: 'completed',
    g2: 'running',
    b: 'completed',
    c: 'failed',
  };
  const statusOf = (id: string) => status[id];

  it('keeps everything for all', () => {
    const all = filterByStatus(groups, statusOf, 'all');
    expect(all.groups).toEqual(groups);
    expect(all.hidden).toBe(0);
  });

  it('keeps only members with the status, drops emptied groups and counts the hidden runs', () => {
    const running = filterByStatus(groups, statusOf, 'running');
    expect(running.groups).toEqual([
      { id: 'a', runIds: ['a'] },
      { id: 'g', runIds: ['g2'] },
    ]);
    expect(running.hidden).toBe(3);
    const paused = filterByStatus(groups, statusOf, 'paused');
    expect(paused.groups).toEqual([]);
    expect(paused.hidden).toBe(5);
    // A run without a status (deleted meanwhile) never passes a status filter.
    expect(filterByStatus([{ id: 'x', runIds: ['x'] }], statusOf, 'running').hidden).toBe(1);
  });

  it('says how many runs are hidden', () => {
    expect(hiddenText(0)).toBe('');
    expect(hiddenText(1)).toBe('1 run hidden by the filter');
    expect(hiddenText(4)).toBe('4 runs hidden by the filter');
  });
});
