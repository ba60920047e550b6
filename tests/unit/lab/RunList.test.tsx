// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { OKABE_ITO } from '../../../src/experiments/palette';
import { RUN_COLORS } from '../../../src/experiments/runStyles';
import { RunList } from '../../../src/page/lab/RunList';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../src/shared/runConfig';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import type { WorkerEvent } from '../../../src/shared/workerProtocol';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URL,
  type FakeClient,
} from '../support/fakeLab';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let client: FakeClient;
let store: StoreApi<LabState>;
let container: HTMLDivElement;
let root: Root;
/** Run ids handed to onEdit, in order. */
let edited: string[];

const emit = (event: WorkerEvent) => act(() => client.emit(event));

/** Start lab runs from the default config (500 steps, seed 1) and return their ids. */
function start(label: string, seeds = 1): string[] {
  let ids: string[] = [];
  act(() => {
    ids = store.getState().startLabRuns({ label, config: DEFAULT_RUN_CONFIG, seeds });
  });
  return ids;
}

const runRows = () =>
  Array.from(container.querySelectorAll<HTMLTableRowElement>('[data-testid="lab-run-row"]'));
const names = () => runRows().map((r) => r.dataset.run);
const groupRows = () =>
  Array.from(container.querySelectorAll<HTMLTableRowElement>('[data-testid="lab-group-row"]'));

/** The run row whose name is `label`. */
function row(label: string): HTMLTableRowElement {
  const found = runRows().find((r) => r.dataset.run === label);
  if (!found) throw new Error(`no row for ${label}; rows: ${names().join(', ')}`);
  return found;
}

/** Visible texts of the row's action buttons, in order. */
const actions = (r: HTMLElement) =>
  Array.from(r.querySelectorAll('.runlist-actions button'), (b) => b.textContent);

function button(r: HTMLElement, text: string): HTMLButtonElement {
  // A button is found by its text, or by its title where it shows an icon (Rename: ✎).
  const found = Array.from(r.querySelectorAll('button')).find(
    (b) => b.textContent === text || b.title === text,
  );
  if (!found) throw new Error(`no ${text} button`);
  return found;
}

function labelled<T extends HTMLElement>(r: HTMLElement, label: string): T {
  const found = r.querySelector<T>(`[aria-label="${label}"]`);
  if (!found) throw new Error(`nothing labelled ${label}`);
  return found;
}

const click = (element: HTMLElement) => act(() => element.click());
const press = (element: HTMLElement, key: string) =>
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

/** Open the rename input of `label`'s row, type `text` into it. */
function typeName(label: string, text: string): HTMLInputElement {
  click(button(row(label), 'Rename'));
  const input = labelled<HTMLInputElement>(row(label), `New name for ${label}`);
  expect(document.activeElement).toBe(input);
  input.value = text;
  return input;
}

beforeEach(async () => {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URL);
  edited = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <RunList onEdit={(id) => edited.push(id)} />
      </LabProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('RunList', () => {
  it('says how to start a run while there are none', () => {
    expect(container.querySelector('caption')?.textContent).toBe('Runs');
    expect(runRows()).toHaveLength(0);
    expect(container.querySelector('.runlist-empty')?.textContent).toBe(
      'No runs yet: configure one in the editor below and press Start, or train a section of the article.',
    );
  });

  it('lists lab and article runs in order with status, progress and no source tag for lab runs', () => {
    start('My CNN');
    act(() =>
      store.getState().launchExperiment('does-bn-work', { ...doesBnWork.defaults, steps: 300 }),
    );
    expect(names()).toEqual([
      'My CNN',
      'CNN, LR 0.1',
      'CNN + BN, LR 0.1',
      'CNN, LR 0.5',
      'CNN + BN, LR 0.5',
    ]);
    expect(container.querySelector('.runlist-empty')).toBeNull();
    const mine = row('My CNN');
    expect(mine.dataset.status).toBe('queued');
    expect(mine.querySelector('.runlist-status')?.textContent).toBe('queued');
    expect(mine.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('0 / 500');
    expect(mine.querySelector('.runlist-source')).toBeNull();
    expect(actions(mine)).toEqual(['Pause', 'Stop', 'Duplicate', 'Reuse', 'Delete']);
    const article = row('CNN + BN, LR 0.5');
    expect(article.querySelector('.runlist-source')?.textContent).toBe(
      'Does batch normalization work?',
    );
    expect(article.querySelector('[data-testid="lab-run-step"]')?.textContent).toBe('0 / 300');
    // Single runs have no group header.
    expect(groupRows()).toHaveLength(0);
  });

  it('shows progress, speed, ETA, last loss and accuracy, and a diverged run’s message', () => {
    const [id = ''] = start('Fast');
    emit({ type: 'status', runId: id, status: 'running' });
    emit({
      type: 'metrics',
      chunks: [
        chunkOf(id, 'trainLoss', [99, 100], [0.5, 0.25]),
        chunkOf(id, 'testAccuracy', [100], [0.875]),
      ],
      progress: [{ runId: id, step: 100, stepsPerSecond: 20, msPerStep: 40 }],
    });
    const r = row('Fast');
    expect(r.dataset.status).toBe('running');
    expect(r.querySelector('progress')?.value).toBe(100);
    expect(r.querySelector('progress')?.max).toBe(500);
    const cells = Array.from(r.querySelectorAll('td'), (c) => c.textContent);
    // Steps/s over ETA ((500 - 100) / 20 = 20 s), loss, accuracy.
    expect(cells.slice(3, 6)).toEqual(['2020 s', '0.250', '87.5%']);

    emit({ type: 'status', runId: id, status: 'diverged', message: 'loss became NaN at step 101' });
    const after = row('Fast');
    expect(after.dataset.status).toBe('diverged');
    expect(after.querySelector('.runlist-message')?.textContent).toBe(
      'loss became NaN at step 101',
    );
    // No ETA once it stopped training; the last numbers stay.
    expect(Array.from(after.querySelectorAll('td'), (c) => c.textContent).slice(3, 6)).toEqual([
      '–',
      '0.250',
      '87.5%',
    ]);
    expect(actions(after)).toEqual(['Duplicate', 'Reuse', 'Delete']);
  });

  it('puts a 3-seed launch under one group row with the mean ± sd of its accuracies', () => {
    const ids = start('BN sweep', 3);
    expect(names()).toEqual(['BN sweep · seed 1', 'BN sweep · seed 2', 'BN sweep · seed 3']);
    const groups = groupRows();
    expect(groups).toHaveLength(1);
    const group = groups[0]!;
    expect(group.querySelector('.runlist-group-name')?.textContent).toBe('BN sweep · 3 seeds');
    expect(group.querySelector('.runlist-group-status')?.textContent).toBe('3 queued');
    const accuracy = () => group.querySelector('[data-testid="lab-group-accuracy"]')?.textContent;
    expect(accuracy()).toBe('–');

    emit({
      type: 'metrics',
      chunks: [
        chunkOf(ids[0]!, 'testAccuracy', [20], [0.9]),
        chunkOf(ids[1]!, 'testAccuracy', [20], [0.94]),
      ],
      progress: [],
    });
    // Two of three reported: mean 0.92, population sd 0.02.
    expect(accuracy()).toBe('92.0 ± 2.0% (2 of 3)');
    emit({
      type: 'metrics',
      chunks: [chunkOf(ids[2]!, 'testAccuracy', [20], [0.92])],
      progress: [],
    });
    // 0.90, 0.94, 0.92: mean 0.92, sd sqrt((0.0004 + 0.0004 + 0) / 3) = 0.0163.
    expect(accuracy()).toBe('92.0 ± 1.6%');
    emit({ type: 'status', runId: ids[1]!, status: 'running' });
    expect(group.querySelector('.runlist-group-status')?.textContent).toBe('2 queued, 1 running');

    // The group's checkbox hides and shows every seed.
    const all = labelled<HTMLInputElement>(group, 'Show all seeds of BN sweep');
    expect(all.checked).toBe(true);
    click(all);
    expect(ids.map((id) => store.getState().runs[id]?.visible)).toEqual([false, false, false]);
    click(labelled(row('BN sweep · seed 2'), 'Show BN sweep · seed 2'));
    expect(all.indeterminate).toBe(true);
    click(all);
    expect(ids.map((id) => store.getState().runs[id]?.visible)).toEqual([true, true, true]);

    // Collapsing hides the seeds' rows, expanding brings them back.
    const toggle = labelled<HTMLButtonElement>(group, 'Seeds of BN sweep');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(runRows()).toHaveLength(0);
    click(toggle);
    expect(runRows()).toHaveLength(3);
  });

  it('keeps groups where their first member sits among single runs', () => {
    start('Alone');
    start('Pair', 2);
    start('Last');
    const rows = Array.from(
      container.querySelectorAll<HTMLTableRowElement>('tbody tr'),
      (r) => r.dataset.run ?? `group ${r.dataset.group}`,
    );
    expect(rows).toEqual(['Alone', 'group Pair', 'Pair · seed 1', 'Pair · seed 2', 'Last']);
  });

  it('renames inline: Enter saves, Escape cancels, and names are text, never HTML', () => {
    const [id = ''] = start('Old name');
    press(typeName('Old name', 'Cancelled name'), 'Escape');
    expect(store.getState().runs[id]?.label).toBe('Old name');
    expect(container.querySelector('.runlist-name-input')).toBeNull();
    expect((document.activeElement as HTMLElement | null)?.title).toBe('Rename');

    press(typeName('Old name', '  New   name '), 'Enter');
    expect(store.getState().runs[id]?.label).toBe('New name');
    expect(names()).toEqual(['New name']);
    expect((document.activeElement as HTMLElement | null)?.title).toBe('Rename');

    const html = '<img src=x onerror=alert(1)>';
    press(typeName('New name', html), 'Enter');
    expect(store.getState().runs[id]?.label).toBe(html);
    expect(row(html).querySelector('.runlist-name')?.textContent).toBe(html);
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows and hides a run with its checkbox', () => {
    const [id = ''] = start('Visible');
    const box = labelled<HTMLInputElement>(row('Visible'), 'Show Visible');
    expect(box.checked).toBe(true);
    click(box);
    expect(store.getState().runs[id]?.visible).toBe(false);
    expect(box.checked).toBe(false);
    click(box);
    expect(store.getState().runs[id]?.visible).toBe(true);
  });

  it('asks before deleting, then removes the row and stops the run', () => {
    const [keep = '', drop = ''] = [...start('Keep'), ...start('Drop')];
    click(button(row('Drop'), 'Delete'));
    expect(actions(row('Drop'))).toEqual([
      'Pause',
      'Stop',
      'Duplicate',
      'Reuse',
      'Confirm delete',
      'Cancel',
    ]);
    expect(document.activeElement?.textContent).toBe('Cancel');
    // Only the clicked row asks.
    expect(actions(row('Keep'))).toContain('Delete');
    click(button(row('Drop'), 'Cancel'));
    expect(actions(row('Drop'))).toContain('Delete');
    expect(store.getState().runs[drop]).toBeDefined();

    click(button(row('Drop'), 'Delete'));
    const before = client.sent.length;
    click(button(row('Drop'), 'Confirm delete'));
    expect(names()).toEqual(['Keep']);
    expect(store.getState().runs[drop]).toBeUndefined();
    expect(store.getState().runs[keep]).toBeDefined();
    expect(client.sent.slice(before)).toEqual([{ type: 'stop', runId: drop }]);
  });

  it('duplicates a run into a new row', () => {
    start('Original');
    const before = client.sent.length;
    click(button(row('Original'), 'Duplicate'));
    expect(names()).toEqual(['Original', 'Original (copy)']);
    expect(row('Original (copy)').dataset.status).toBe('queued');
    expect(client.sent.slice(before).map((c) => c.type)).toEqual(['start']);
  });

  it('sends pause, resume and stop for the clicked run', () => {
    const [, id = ''] = [...start('Other'), ...start('Target')];
    emit({ type: 'status', runId: id, status: 'running' });
    const before = client.sent.length;
    click(button(row('Target'), 'Pause'));
    emit({ type: 'status', runId: id, status: 'paused' });
    expect(actions(row('Target')).slice(0, 2)).toEqual(['Resume', 'Stop']);
    click(button(row('Target'), 'Resume'));
    click(button(row('Target'), 'Stop'));
    expect(client.sent.slice(before)).toEqual([
      { type: 'pause', runId: id },
      { type: 'resume', runId: id },
      { type: 'stop', runId: id },
    ]);
  });

  it('changes a run’s colour from the swatch’s palette', () => {
    // A plain network takes the article's look for plain runs: vermillion, dashed.
    const [id = ''] = start('Painted');
    expect(store.getState().runs[id]?.style.color).toBe(OKABE_ITO.vermillion);
    const swatch = labelled<HTMLButtonElement>(
      row('Painted'),
      'Colour of Painted: vermillion, dashed',
    );
    click(swatch);
    expect(swatch.getAttribute('aria-expanded')).toBe('true');
    const palette = labelled(row('Painted'), 'Colours for Painted');
    // The current colour is pressed and takes focus.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('vermillion');
    expect(palette.querySelectorAll('button')).toHaveLength(RUN_COLORS.length);
    press(palette, 'ArrowRight');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('green');
    click(labelled(palette, 'green'));
    expect(store.getState().runs[id]?.style.color).toBe(OKABE_ITO.green);
    expect(row('Painted').querySelector('[aria-label="Colours for Painted"]')).toBeNull();
    expect(document.activeElement?.getAttribute('aria-label')).toBe(
      'Colour of Painted: green, dashed',
    );

    // Escape closes the palette without a change.
    click(labelled(row('Painted'), 'Colour of Painted: green, dashed'));
    press(labelled(row('Painted'), 'Colours for Painted'), 'Escape');
    expect(row('Painted').querySelector('[aria-label="Colours for Painted"]')).toBeNull();
    expect(store.getState().runs[id]?.style.color).toBe(OKABE_ITO.green);
  });

  it('colours every seed of a group from the group row', () => {
    const ids = start('Trio', 3);
    click(labelled(groupRows()[0]!, 'Colour of all seeds of Trio: vermillion, dashed'));
    click(labelled(groupRows()[0]!, 'green'));
    expect(ids.map((id) => store.getState().runs[id]?.style.color)).toEqual([
      OKABE_ITO.green,
      OKABE_ITO.green,
      OKABE_ITO.green,
    ]);
  });

  it('hands the run id to onEdit', () => {
    const [, id = ''] = [...start('First'), ...start('Second')];
    click(button(row('Second'), 'Reuse'));
    expect(edited).toEqual([id]);
  });
});

describe('RunList as a run table', () => {
  /** Start one lab run with `change` applied to the default config; its id. */
  function startWith(label: string, change: Partial<RunConfig>): string {
    let ids: string[] = [];
    act(() => {
      ids = store
        .getState()
        .startLabRuns({ label, config: { ...DEFAULT_RUN_CONFIG, ...change }, seeds: 1 });
    });
    return ids[0] ?? '';
  }
  const headers = () =>
    Array.from(container.querySelectorAll<HTMLElement>('thead th'), (th) => th.textContent);
  const header = (name: string) => {
    const found = Array.from(container.querySelectorAll<HTMLElement>('thead th')).find(
      (th) => th.querySelector('button')?.firstChild?.textContent === name,
    );
    if (!found) throw new Error(`no ${name} column; columns: ${headers().join(', ')}`);
    return found;
  };
  const sortBy = (name: string) => click(header(name).querySelector('button')!);
  function choose(testId: string, value: string) {
    const select = container.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`)!;
    act(() => {
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  it('shows one column per differing setting only, with each run’s value', () => {
    startWith('slow', { learningRate: 0.1 });
    expect(container.querySelectorAll('[data-testid="lab-run-setting"]')).toHaveLength(0);
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
    expect(container.querySelector('[data-testid="lab-hidden-runs"]')?.textContent).toBe(
      '2 runs hidden by the filter',
    );
    choose('lab-status-filter', 'paused');
    expect(names()).toEqual([]);
    expect(container.querySelector('.runlist-empty')?.textContent).toMatch(/No run has the status/);
    choose('lab-status-filter', 'all');
    expect(names()).toEqual(['one', 'two', 'three']);
    expect(container.querySelector('[data-testid="lab-hidden-runs"]')?.textContent).toBe('');
  });

  it('groups by a differing setting under a row per value, seed groups inside', () => {
    startWith('p1', { learningRate: 0.1 });
    startWith('q', { learningRate: 0.5 });
    startWith('p2', { learningRate: 0.1 });
    const options = () =>
      Array.from(
        container.querySelectorAll<HTMLOptionElement>('[data-testid="lab-group-by"] option'),
        (o) => o.textContent,
      );
    expect(options()).toEqual(['none', 'Learning rate']);
    choose('lab-group-by', 'learningRate');
    const sections = Array.from(
      container.querySelectorAll('[data-testid="lab-section-row"]'),
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
