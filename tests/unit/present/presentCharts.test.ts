import { describe, expect, it } from 'vitest';
import { presentChartHeight, presentRows } from '../../../src/page/present/presentCharts';
import { EXPERIMENTS } from '../../../src/experiments/registry';

describe('presentation chart rows', () => {
  it('gives one row per metric of each experiment of a section, distributions last', () => {
    const rows = presentRows('is-it-ics');
    const metrics = EXPERIMENTS['is-it-ics']?.metrics ?? [];
    expect(rows).toHaveLength(metrics.length + 1);
    expect(rows[0]).toEqual({ experimentId: 'is-it-ics', row: 0, label: 'Train accuracy' });
    expect(rows.at(-1)?.label).toBe('Distributions, layer 2');
  });

  it('walks both experiments of a section that embeds two', () => {
    const ids = new Set(presentRows('beyond-bn').map((r) => r.experimentId));
    expect([...ids]).toEqual(['beyond-bn', 'deep-linear']);
    expect(presentRows('mechanics')).toEqual([]);
  });

  it('sizes charts to the window, never below a floor', () => {
    expect(presentChartHeight(1080)).toBeGreaterThan(presentChartHeight(720));
    expect(presentChartHeight(300)).toBe(presentChartHeight(200));
  });
});
