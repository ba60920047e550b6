// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { deepLinear } from '../../../src/experiments/deepLinear';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import type { Experiment } from '../../../src/experiments/types';
import { ExperimentView } from '../../../src/page/panels/ExperimentView';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import { createFakeClient, createFakeMemory, DATA_URLS } from '../support/fakeLab';
import { fakeReferenceInput } from '../support/fakeReference';
import { allChartsRedrawn } from '../support/chartTurns';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom has no layout: useElementWidth reads this as each chart body's width. */
const WIDTH = 400;

class StillResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

let store: StoreApi<LabState>;
let container: HTMLDivElement;
let root: Root;
const requested: string[] = [];
const saved = {
  ResizeObserver: globalThis.ResizeObserver,
  fetch: globalThis.fetch,
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
};

/** The page's files: a valid reference for the first experiment, a broken one for deep-linear. */
async function fakeFetch(input: RequestInfo | URL): Promise<Response> {
  const url = String(input);
  requested.push(url);
  if (url.endsWith('/references/does-bn-work.json')) {
    return new Response(JSON.stringify(fakeReferenceInput(doesBnWork)));
  }
  if (url.endsWith('/references/deep-linear.json')) {
    return new Response(JSON.stringify({ format: 'bnlab-reference', version: 99 }));
  }
  return new Response('not found', { status: 404 });
}

beforeEach(() => {
  globalThis.ResizeObserver = StillResizeObserver as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => WIDTH,
  });
  globalThis.fetch = fakeFetch as typeof fetch;
  store = createLabStore(createFakeClient(), createFakeMemory(), DATA_URLS);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  globalThis.ResizeObserver = saved.ResizeObserver;
  globalThis.fetch = saved.fetch;
  if (saved.clientWidth) {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.clientWidth);
  }
  vi.restoreAllMocks();
});

/** Render the experiment and let its reference request settle. */
async function show(experiment: Experiment) {
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <ExperimentView experiment={experiment} />
      </LabProvider>,
    ),
  );
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  await allChartsRedrawn();
}

const $$ = (selector: string) => Array.from(container.querySelectorAll<HTMLElement>(selector));
const charts = () => $$('[data-testid="metric-chart"]');
const referencePaths = (chart: HTMLElement) =>
  Array.from(chart.querySelectorAll('.chart-reference path.recharts-line-curve'));
const legend = (chart: HTMLElement) =>
  Array.from(chart.querySelectorAll('.chart-legend li'), (li) => li.textContent);
const note = () => container.querySelector<HTMLElement>('[data-testid="reference-note"]');

describe('reference curves in an experiment', () => {
  it('draws each run’s reference in every chart of its panel before anything trains', async () => {
    await show(doesBnWork);
    expect(requested.some((u) => u.endsWith('/references/does-bn-work.json'))).toBe(true);
    const all = charts();
    expect(all).toHaveLength(
      doesBnWork.panels(doesBnWork.defaults).length * doesBnWork.metrics.length,
    );
    for (const chart of all) {
      const paths = referencePaths(chart);
      expect(paths).toHaveLength(2);
      expect(chart.dataset.referenceLines).toBe('2');
      for (const path of paths) {
        expect(path.getAttribute('stroke-dasharray')).toBe('2 3');
        expect(Number(path.getAttribute('stroke-opacity'))).toBeLessThan(1);
        expect(path.getAttribute('d')?.length ?? 0).toBeGreaterThan(20);
      }
      // The min-max bands under them, and no "press Train" placeholder.
      expect(chart.querySelectorAll('.chart-band')).toHaveLength(2);
      expect(chart.querySelector('.chart-empty')).toBeNull();
    }
    const [first] = all;
    expect(legend(first!)).toEqual([
      'CNN, LR 0.1 · reference (3 seeds, wasm)',
      'CNN + BN, LR 0.1 · reference (3 seeds, wasm)',
    ]);
    // In the run's colour: the plain CNN vermillion, BN blue.
    expect(referencePaths(first!).map((p) => p.getAttribute('stroke'))).toEqual([
      '#D55E00',
      '#0072B2',
    ]);
    expect(note()?.dataset.shown).toBe('true');
    expect(note()?.textContent).toContain('3 seeds (1–3) at the default settings, 300 steps');
  });

  it('keeps the references under the live runs trained at the same settings', async () => {
    await show(doesBnWork);
    await act(async () => store.getState().launchExperiment('does-bn-work', doesBnWork.defaults));
    await allChartsRedrawn();
    for (const chart of charts()) {
      expect(chart.dataset.lines).toBe('4');
      expect(referencePaths(chart)).toHaveLength(2);
      // References come first in the legend (and in drawing order): live lines go on top.
      const items = legend(chart);
      expect(items.slice(0, 2).every((t) => t?.includes('· reference'))).toBe(true);
      expect(items.slice(2).some((t) => t?.includes('reference'))).toBe(false);
    }
  });

  it('hides them for runs trained with other settings, and says why', async () => {
    await show(doesBnWork);
    await act(async () =>
      store.getState().launchExperiment('does-bn-work', { ...doesBnWork.defaults, steps: 60 }),
    );
    await allChartsRedrawn();
    for (const chart of charts()) {
      expect(chart.dataset.referenceLines).toBe('0');
      expect(chart.querySelectorAll('.chart-band')).toHaveLength(0);
    }
    expect(note()?.dataset.shown).toBe('false');
    expect(note()?.textContent).toContain('hidden');
  });

  it('shows nothing, and reports nothing on the page, for an invalid file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await show(deepLinear);
    for (const chart of charts()) expect(chart.dataset.referenceLines).toBe('0');
    expect(note()).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    expect($$('.chart-empty').length).toBe(charts().length);
  });
});
