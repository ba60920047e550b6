import { describe, expect, it } from 'vitest';
import { groupName, groupRuns, meanAndSd } from '../../../src/page/lab/runGroups';
import { statusSummary } from '../../../src/shared/runStatus';

describe('groupRuns', () => {
  it('gathers runs by group where the first member sits, members in list order', () => {
    const runs = {
      a: { group: 'a' },
      s1: { group: 'g' },
      b: { group: 'b' },
      s2: { group: 'g' },
      s3: { group: 'g' },
      c: { group: 'c' },
    };
    expect(groupRuns(['a', 's1', 'b', 's2', 's3', 'c'], runs)).toEqual([
      { id: 'a', runIds: ['a'] },
      { id: 'g', runIds: ['s1', 's2', 's3'] },
      { id: 'b', runIds: ['b'] },
      { id: 'c', runIds: ['c'] },
    ]);
  });

  it('follows the order given, not the record, and skips ids it does not know', () => {
    const runs = { x: { group: 'h' }, y: { group: 'h' }, z: { group: 'z' } };
    expect(groupRuns(['z', 'ghost', 'y', 'x'], runs)).toEqual([
      { id: 'z', runIds: ['z'] },
      { id: 'h', runIds: ['y', 'x'] },
    ]);
    expect(groupRuns([], runs)).toEqual([]);
  });
});

describe('meanAndSd', () => {
  it('gives the mean and the population sd', () => {
    // mean 5; squared deviations 9 + 1 + 1 + 9 = 20; 20 / 4 = 5; sd = sqrt(5).
    const stats = meanAndSd([2, 4, 6, 8]);
    expect(stats?.n).toBe(4);
    expect(stats?.mean).toBe(5);
    expect(stats?.sd).toBeCloseTo(Math.sqrt(5), 12);
    // Accuracies 0.90, 0.92, 0.94: mean 0.92, sd sqrt((0.0004 + 0 + 0.0004) / 3) = 0.016330.
    const accuracy = meanAndSd([0.9, 0.92, 0.94]);
    expect(accuracy?.mean).toBeCloseTo(0.92, 12);
    expect(accuracy?.sd).toBeCloseTo(0.01633, 5);
  });

  it('is 0 sd for one value and null for none', () => {
    expect(meanAndSd([0.875])).toEqual({ mean: 0.875, sd: 0, n: 1 });
    expect(meanAndSd([3, 3, 3])).toEqual({ mean: 3, sd: 0, n: 3 });
    expect(meanAndSd([])).toBeNull();
  });
});

describe('groupName', () => {
  it("drops the store's seed suffix from the first member's name", () => {
    expect(groupName(['BN, LR 0.1 · seed 42', 'BN, LR 0.1 · seed 43'])).toBe('BN, LR 0.1');
    expect(groupName(['renamed', 'BN · seed 43'])).toBe('renamed');
    expect(groupName(['seed · seed 7 · x'])).toBe('seed · seed 7 · x');
    expect(groupName([])).toBe('');
  });
});

describe('statusSummary', () => {
  it('counts statuses in lifecycle order', () => {
    expect(statusSummary(['completed', 'running', 'diverged', 'running'])).toBe(
      '2 running, 1 completed, 1 diverged',
    );
    expect(statusSummary(['queued', 'queued', 'queued'])).toBe('3 queued');
    expect(statusSummary([])).toBe('');
  });
});
