// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { ConfigDiff } from '../../../src/page/lab/ConfigDiff';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../src/shared/runConfig';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import { createFakeClient, createFakeMemory, DATA_URLS } from '../support/fakeLab';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const BN_CONFIG: RunConfig = {
  ...DEFAULT_RUN_CONFIG,
  model: { ...DEFAULT_RUN_CONFIG.model, normalization: 'batchnorm' },
};

let store: StoreApi<LabState>;
let container: HTMLDivElement;
let root: Root;
let onChange: ReturnType<typeof vi.fn<(left: string | null, right: string | null) => void>>;

/** Start one lab run (in act: a mounted view re-renders) and return its id. */
function startRun(label: string, config: RunConfig): string {
  let ids: string[] = [];
  act(() => {
    ids = store.getState().startLabRuns({ label, config, seeds: 1 });
  });
  const [id] = ids;
  if (!id) throw new Error(`run ${label} was not started`);
  return id;
}

async function render(leftId: string | null, rightId: string | null) {
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <ConfigDiff leftId={leftId} rightId={rightId} onChange={onChange} />
      </LabProvider>,
    ),
  );
}

const byTestId = <E extends Element = HTMLElement>(id: string) =>
  container.querySelector<E>(`[data-testid="${id}"]`);
const rows = () =>
  Array.from(container.querySelectorAll<HTMLTableRowElement>('[data-testid="diff-row"]'));
const select = (side: 'left' | 'right') => byTestId<HTMLSelectElement>(`diff-${side}`)!;

/** Pick an option as a user would: set the value and fire the change React listens for. */
function choose(side: 'left' | 'right', value: string) {
  act(() => {
    const element = select(side);
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

beforeEach(() => {
  store = createLabStore(createFakeClient(), createFakeMemory(), DATA_URLS);
  onChange = vi.fn<(left: string | null, right: string | null) => void>();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('ConfigDiff', () => {
  it('highlights the one setting that differs, with both values', async () => {
    const plain = startRun('CNN', DEFAULT_RUN_CONFIG);
    const bn = startRun('CNN + BN', BN_CONFIG);
    await render(plain, bn);

    expect(byTestId('diff-summary')?.textContent).toBe('1 setting differs');
    expect(byTestId<HTMLInputElement>('diff-only-differences')?.checked).toBe(true);
    const shown = rows();
    expect(shown).toHaveLength(1);
    const row = shown[0]!;
    expect(row.dataset.path).toBe('model.normalization');
    expect(row.dataset.differs).toBe('true');
    expect(row.classList.contains('diff-row-differs')).toBe(true);
    // A marker that is not colour: the "≠" sign, with words for screen readers.
    expect(row.querySelector('.diff-mark')?.textContent).toBe('≠differs');
    expect(row.querySelector('th')?.textContent).toBe('Normalizationmodel.normalization');
    expect(row.querySelector('[data-testid="diff-a"]')?.textContent).toBe('none');
    expect(row.querySelector('[data-testid="diff-b"]')?.textContent).toBe('batchnorm');
    const headers = Array.from(container.querySelectorAll('thead th'), (th) => th.textContent);
    expect(headers).toEqual(['Differs', 'Setting', 'A: CNN', 'B: CNN + BN']);
  });

  it('shows every setting when "Only differences" is off, still marking the differing one', async () => {
    const plain = startRun('CNN', DEFAULT_RUN_CONFIG);
    const bn = startRun('CNN + BN', { ...BN_CONFIG, learningRate: 0.5 });
    await render(plain, bn);
    expect(byTestId('diff-summary')?.textContent).toBe('2 settings differ');
    expect(rows()).toHaveLength(2);

    act(() => byTestId<HTMLInputElement>('diff-only-differences')!.click());
    expect(byTestId<HTMLInputElement>('diff-only-differences')?.checked).toBe(false);
    const all = rows();
    expect(all).toHaveLength(46);
    expect(all.filter((r) => r.dataset.differs === 'true').map((r) => r.dataset.path)).toEqual([
      'model.normalization',
      'learningRate',
    ]);
    const filters = all.find((r) => r.dataset.path === 'model.convFilters')!;
    expect(filters.dataset.differs).toBe('false');
    expect(filters.classList.contains('diff-row-differs')).toBe(false);
    expect(filters.querySelector('.diff-mark')?.textContent).toBe('');
    expect(filters.querySelector('[data-testid="diff-a"]')?.textContent).toBe('8, 16');
    expect(byTestId('diff-summary')?.textContent).toBe('2 settings differ');
  });

  it('says when the two configurations are identical', async () => {
    const a = startRun('First', DEFAULT_RUN_CONFIG);
    const b = startRun('Second', DEFAULT_RUN_CONFIG);
    await render(a, b);
    expect(byTestId('diff-summary')?.textContent).toBe('The two configurations are identical');
    expect(container.querySelector('table')).toBeNull();

    act(() => byTestId<HTMLInputElement>('diff-only-differences')!.click());
    expect(rows()).toHaveLength(46);
    expect(rows().some((r) => r.dataset.differs === 'true')).toBe(false);
  });

  it('lists every run in both selects and reports each pick through onChange', async () => {
    const a = startRun('Alpha', DEFAULT_RUN_CONFIG);
    const b = startRun('Beta', BN_CONFIG);
    const c = startRun('Gamma', { ...DEFAULT_RUN_CONFIG, seed: 5 });
    await render(a, b);

    for (const side of ['left', 'right'] as const) {
      expect(Array.from(select(side).options, (o) => [o.value, o.textContent])).toEqual([
        ['', 'Choose a run…'],
        [a, 'Alpha'],
        [b, 'Beta'],
        [c, 'Gamma'],
      ]);
    }
    expect(select('left').value).toBe(a);
    expect(select('right').value).toBe(b);

    choose('left', c);
    expect(onChange).toHaveBeenLastCalledWith(c, b);
    choose('right', '');
    expect(onChange).toHaveBeenLastCalledWith(a, null);
    expect(onChange).toHaveBeenCalledTimes(2);
    // Controlled: the caller has not passed new ids, so the view still shows Alpha and Beta.
    expect(select('left').value).toBe(a);

    await render(c, b);
    expect(select('left').value).toBe(c);
    expect(rows().map((r) => r.dataset.path)).toEqual(['model.normalization', 'seed']);
  });

  it('asks for two runs when one side is unpicked or names no run', async () => {
    const a = startRun('Alpha', DEFAULT_RUN_CONFIG);
    startRun('Beta', BN_CONFIG);
    await render(a, 'deleted-run');
    expect(byTestId('diff-choose')?.textContent).toBe(
      'Choose two runs to compare their configurations.',
    );
    expect(select('right').value).toBe('');
    expect(byTestId('diff-summary')).toBeNull();

    choose('left', a);
    expect(onChange).toHaveBeenLastCalledWith(a, null);

    await render(null, null);
    expect(byTestId('diff-choose')).not.toBeNull();
  });

  it('shows a run label with HTML in it as text', async () => {
    const label = '<img src=x onerror="alert(1)"><b>bold</b>';
    const a = startRun(label, DEFAULT_RUN_CONFIG);
    const b = startRun('Plain', BN_CONFIG);
    await render(a, b);
    expect(select('left').options[1]?.textContent).toBe(label);
    expect(container.querySelector('thead')?.textContent).toContain(`A: ${label}`);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('explains that it needs two runs when fewer exist', async () => {
    await render(null, null);
    expect(byTestId('diff-empty')?.textContent).toBe(
      'Start at least two runs to compare their configurations.',
    );
    const only = startRun('Alone', DEFAULT_RUN_CONFIG);
    await render(only, null);
    expect(byTestId('diff-empty')).not.toBeNull();
    expect(container.querySelector('select')).toBeNull();
  });
});
