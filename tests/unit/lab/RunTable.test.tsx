// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../src/shared/runConfig';
import { chunkOf } from '../support/fakeLab';

import { click, emit, groupRows, lab, names, row, start } from './runListFixtures';

describe('RunList as a run table', () => {
  /** Start one lab run with `change` applied to the default config; its id. */
  function startWith(label: string, change: Partial<RunConfig>): string {
    let ids: string[] = [];
    act(() => {
      ids = lab.store
        .getState()
        .startLabRuns({ label, config: { ...DEFAULT_RUN_CONFIG, ...change }, seeds: 1 });
    });
    return ids[0] ?? '';
  }
  const headers = () =>
    Array.from(lab.container.querySelectorAll<HTMLElement>('thead th'), (th) => th.textContent);
  const header = (name: string) => {
    const found = Array.from(lab.container.querySelectorAll<HTMLElement>('thead th')).find(
      (th) => th.querySelector('button')?.firstChild?.textContent === name,
    );
    if (!found) throw new Error(`no ${name} column; columns: ${headers().join(', ')}`);
    return found;
  };
  const sortBy = (name: string) => click(header(name).querySelector('button')!);
  function choose(testId: string, value: string) {
    const select = lab.container.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`)!;
    act(() => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  it('shows one column per differing setting only, with each run’s value', () => {
    startWith('slow', { learningRate: 0.1 });
    expect(lab.container.querySelectorAll('[data-testid="lab-run-setting"]')).toHaveLength(0);
    startWith('fast', { learningRate: 0.5, batchSize: 32 });
    expect(headers()).toEqual([
      'Show',
      'Run',
      'Learning rate',
      'Batch size',
      'Status',
      'Step',
      'Speed, ETA',
      'Train loss',
      'Test acc.',
      'Actions',
    ]);
    const settings = (label: string) =>
      Array.from(row(label).querySelectorAll('[data-testid="lab-run-setting"]'), (c) => [
        (c as HTMLElement).dataset.path,
        c.textContent,
      ]);
    expect(settings('fast')).toEqual([
      ['learningRate', '0.5'],
      ['batchSize', '32'],
    ]);
    expect(settings('slow')[1]).toEqual(['batchSize', String(DEFAULT_RUN_CONFIG.batchSize)]);
  });

  it('sorts by a setting, a live number or the name, and says so with aria-sort', () => {
    const [a, b, c] = [
      startWith('b', { learningRate: 0.5 }),
      startWith('a', { learningRate: 0.1 }),
      startWith('c', { learningRate: 0.3 }),
    ];
    sortBy('Learning rate');
    expect(names()).toEqual(['a', 'c', 'b']);
    expect(header('Learning rate').getAttribute('aria-sort')).toBe('ascending');
    sortBy('Learning rate');
    expect(names()).toEqual(['b', 'c', 'a']);
    expect(header('Learning rate').getAttribute('aria-sort')).toBe('descending');
    sortBy('Learning rate');
    expect(names()).toEqual(['b', 'a', 'c']);
    expect(header('Learning rate').hasAttribute('aria-sort')).toBe(false);

    // Test accuracy, updated live; a run without any goes last.
    emit({
      type: 'metrics',
      chunks: [chunkOf(a!, 'testAccuracy', [10], [0.9]), chunkOf(c!, 'testAccuracy', [10], [0.5])],
      progress: [],
    });
    sortBy('Test acc.');
    expect(names()).toEqual(['c', 'b', 'a']);
    emit({ type: 'metrics', chunks: [chunkOf(b!, 'testAccuracy', [10], [0.2])], progress: [] });
    expect(names()).toEqual(['a', 'c', 'b']);
    sortBy('Run');
    expect(names()).toEqual(['a', 'b', 'c']);
    expect(header('Test acc.').hasAttribute('aria-sort')).toBe(false);
  });

  it('keeps a seed group together when sorting, and its seeds in order', () => {
    startWith('solo', { learningRate: 0.05, seed: 7 });
    start('Trio', 3);
    sortBy('Seed');
    expect(names()).toEqual(['Trio · seed 1', 'Trio · seed 2', 'Trio · seed 3', 'solo']);
    sortBy('Learning rate');
    expect(names()).toEqual(['solo', 'Trio · seed 1', 'Trio · seed 2', 'Trio · seed 3']);
    // The group row shows its members' seeds and their shared learning rate.
    const cells = Array.from(
      groupRows()[0]!.querySelectorAll('.runlist-setting'),
      (c) => c.textContent,
    );
    expect(cells).toEqual([String(DEFAULT_RUN_CONFIG.learningRate), '1, 2, 3']);
  });

  it('filters by status, saying how many runs it hides', () => {
    const [one, two] = [startWith('one', {}), startWith('two', {})];
    startWith('three', {});
    emit({ type: 'status', runId: one!, status: 'running' });
    emit({ type: 'status', runId: two!, status: 'failed', message: 'boom' });
    choose('lab-status-filter', 'running');
    expect(names()).toEqual(['one']);
    expect(lab.container.querySelector('[data-testid="lab-hidden-runs"]')?.textContent).toBe(
      '2 runs hidden by the filter',
    );
    choose('lab-status-filter', 'paused');
    expect(names()).toEqual([]);
    expect(lab.container.querySelector('.runlist-empty')?.textContent).toMatch(
      /No run has the status/,
    );
    choose('lab-status-filter', 'all');
    expect(names()).toEqual(['one', 'two', 'three']);
    expect(lab.container.querySelector('[data-testid="lab-hidden-runs"]')?.textContent).toBe('');
  });

  it('groups by a differing setting under a row per value, seed groups inside', () => {
    startWith('p1', { learningRate: 0.1 });
    startWith('q', { learningRate: 0.5 });
    startWith('p2', { learningRate: 0.1 });
    const options = () =>
      Array.from(
        lab.container.querySelectorAll<HTMLOptionElement>('[data-testid="lab-group-by"] option'),
        (o) => o.textContent,
      );
    expect(options()).toEqual(['none', 'Learning rate']);
    choose('lab-group-by', 'learningRate');
    const sections = Array.from(
      lab.container.querySelectorAll('[data-testid="lab-section-row"]'),
      (r) => r.textContent,
    );
    expect(sections).toEqual(['LR 0.1 · 2 runs', 'LR 0.5 · 1 run']);
    expect(names()).toEqual(['p1', 'p2', 'q']);
    // A seed group differs in seed inside, so seed is no grouping choice.
    start('Trio', 3);
    expect(options()).not.toContain('Seed');
    expect(headers()).toContain('Seed');
  });
});
