// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { SweepPanel } from '../../../../src/page/lab/sweep/SweepPanel';
import { SWEEP_REDRAW_MS } from '../../../../src/page/panels/SweepChart';
import { LabProvider } from '../../../../src/page/store/LabContext';
import type { LabState } from '../../../../src/page/store/labState';
import { createLabStore } from '../../../../src/page/store/labStore';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../../src/shared/runConfig';
import type { MetricId } from '../../../../src/shared/metrics';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
} from '../../support/fakeLab';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** useElementWidth observes resizes; jsdom has no ResizeObserver, and nothing resizes here. */
class StillResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

let client: FakeClient;
let store: StoreApi<LabState>;
let container: HTMLDivElement;
let root: Root;
const savedObserver = globalThis.ResizeObserver;
const savedWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
/** jsdom has no layout: useElementWidth reads this as the chart body's width. */
const WIDTH = 600;

beforeEach(async () => {
  globalThis.ResizeObserver = StillResizeObserver as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => WIDTH,
  });
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URLS);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <SweepPanel />
      </LabProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  globalThis.ResizeObserver = savedObserver;
  if (savedWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', savedWidth);
});

/** A deep linear net (a loss, no accuracy) at `learningRate`. */
const deepLinear = (learningRate: number): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  task: 'deep-linear',
  steps: 2,
  learningRate,
});

/** Start a run of `config`, stream `metrics` at steps 1 and 2, end it (`ending`); its id. */
function trainedRun(
  label: string,
  config: RunConfig,
  metrics: MetricId[],
  values: [number, number],
  ending: 'completed' | 'diverged' = 'completed',
): string {
  let ids: string[] = [];
  act(() => {
    ids = store.getState().startLabRuns({ label, config, seeds: 1 });
  });
  const id = ids[0] ?? '';
  act(() => {
    client.emit({ type: 'status', runId: id, status: 'running' });
    client.emit({
      type: 'metrics',
      chunks: metrics.map((metric) => chunkOf(id, metric, [1, 2], values)),
      progress: [{ runId: id, step: 2, stepsPerSecond: 10, msPerStep: 100 }],
    });
    client.emit({ type: 'status', runId: id, status: ending });
  });
  return id;
}

/** Let the figure take in what streamed: deferred renders, and its redraw at most once a second. */
const settled = () =>
  act(() => new Promise<void>((resolve) => setTimeout(resolve, SWEEP_REDRAW_MS + 50)));

const metricSelect = () => {
  const select = [...container.querySelectorAll('label')]
    .find((l) => l.textContent.startsWith('of'))
    ?.querySelector('select');
  if (!select) throw new Error('no metric select');
  return select;
};

/** Choose `metric` in the panel's metric menu, as a user would. */
function pick(metric: MetricId) {
  act(() => {
    const select = metricSelect();
    select.value = metric;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** A CNN (an accuracy and a loss) at `learningRate`. */
const cnn = (learningRate: number): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  steps: 2,
  learningRate,
});

describe('SweepPanel', () => {
  it('summarizes the loss of runs that record no accuracy', async () => {
    trainedRun('slow', deepLinear(0.01), ['trainLoss'], [2, 1.5]);
    trainedRun('fast', deepLinear(0.1), ['trainLoss'], [2, 0.5]);
    await settled();
    expect(metricSelect().value).toBe('trainLoss');
    expect(container.textContent).toContain('Final train loss against learning rate');
    expect(container.querySelector('[data-testid="sweep-no-metric"]')).toBeNull();
  });

  it('draws a band, a line through the means, a dot per point and a mark per diverged run', async () => {
    for (const seed of [1, 2]) {
      trainedRun(`slow ${seed}`, deepLinear(0.01), ['trainLoss'], [2, 1 + seed / 4]);
      trainedRun(`fast ${seed}`, deepLinear(0.1), ['trainLoss'], [2, seed / 4]);
    }
    trainedRun('too fast', deepLinear(1), ['trainLoss'], [Number.NaN, Number.NaN], 'diverged');
    await settled();
    const chart = container.querySelector<HTMLElement>('[data-testid="sweep-chart"]');
    expect(chart?.dataset.lines).toBe('1');
    expect(chart?.dataset.marks).toBe('1');
    // One line (all plain) through its two means, with a band where two seeds have a value.
    expect(chart?.querySelectorAll('path.recharts-line-curve')).toHaveLength(1);
    expect(chart?.querySelectorAll('path.recharts-area-area')).toHaveLength(1);
    expect(chart?.querySelectorAll('.sweep-dot circle')).toHaveLength(2);
    // The diverged run: a cross, at learning rate 1, on the bottom edge (it has no value).
    const cross = chart?.querySelectorAll('.sweep-mark-diverged path');
    expect(cross).toHaveLength(1);
    const line = chart?.querySelector('path.recharts-line-curve')?.getAttribute('d') ?? '';
    const [, x1 = '', y1 = '', x2 = '', y2 = ''] =
      /^M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)$/.exec(line) ?? [];
    // Learning rates 0.01 and 0.1 left to right; the faster one's lower loss lower (larger y).
    expect(Number(x2)).toBeGreaterThan(Number(x1));
    expect(Number(y2)).toBeGreaterThan(Number(y1));
    // The cross right of both means and below them (on the bottom edge).
    const [, cx = '', cy = ''] =
      /translate\(([\d.]+),\s*([\d.]+)\)/.exec(cross?.[0]?.getAttribute('transform') ?? '') ?? [];
    expect(Number(cx)).toBeGreaterThan(Number(x2));
    expect(Number(cy)).toBeGreaterThan(Number(y2));
  });

  it('keeps test accuracy, the default, when the runs record it', async () => {
    trainedRun('slow', cnn(0.01), ['trainLoss', 'testAccuracy'], [0.5, 0.6]);
    trainedRun('fast', cnn(0.1), ['trainLoss', 'testAccuracy'], [0.5, 0.9]);
    await settled();
    expect(metricSelect().value).toBe('testAccuracy');
    expect(container.textContent).toContain('Final test accuracy against learning rate');
  });

  it('keeps a picked metric when the runs shown no longer record it, and says so', async () => {
    const cnnRuns = [
      trainedRun('slow', cnn(0.01), ['trainLoss', 'testAccuracy'], [0.5, 0.6]),
      trainedRun('fast', cnn(0.1), ['trainLoss', 'testAccuracy'], [0.5, 0.9]),
    ];
    await settled();
    pick('trainLoss');
    pick('testAccuracy');
    trainedRun('linear slow', deepLinear(0.01), ['trainLoss'], [2, 1.5]);
    trainedRun('linear fast', deepLinear(0.1), ['trainLoss'], [2, 0.5]);
    act(() => {
      for (const id of cnnRuns) store.getState().setRunVisible(id, false);
    });
    await settled();
    expect(metricSelect().value).toBe('testAccuracy');
    expect(container.querySelector('[data-testid="sweep-no-metric"]')?.textContent).toBe(
      'None of the visible runs records test accuracy: choose another metric.',
    );
  });
});
