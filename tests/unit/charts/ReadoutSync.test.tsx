// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricChart, type ChartLine } from '../../../src/page/charts/MetricChart';
import { ReadoutSyncProvider } from '../../../src/page/charts/ReadoutSyncContext';
import { createReadoutStore } from '../../../src/page/charts/readoutSync';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom has no layout: useElementWidth reads this as each chart body's width. */
const WIDTH = 400;

/** useElementWidth observes resizes; jsdom has no ResizeObserver, and nothing resizes here. */
class StillResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

let container: HTMLDivElement;
let root: Root;
const saved = {
  ResizeObserver: globalThis.ResizeObserver,
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
};

beforeEach(() => {
  globalThis.ResizeObserver = StillResizeObserver as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => WIDTH,
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  globalThis.ResizeObserver = saved.ResizeObserver;
  if (saved.clientWidth) {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.clientWidth);
  }
});

function line(id: string, xs: number[], ys: number[]): ChartLine {
  return { id, label: id.toUpperCase(), color: '#0072b2', xs, ys, length: xs.length };
}

/** Loss every step 0..10; accuracy only every 5 steps. */
const LOSS = [line('a', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1])];
const ACCURACY = [line('a', [0, 5, 10], [0.1, 0.5, 0.9])];

const charts = () =>
  Array.from(container.querySelectorAll<HTMLElement>('[data-testid="metric-chart"]'));
const bodyOf = (chart: HTMLElement) =>
  chart.querySelector<HTMLElement>('.chart-body') as HTMLElement;
const readoutOf = (chart: HTMLElement) =>
  chart.querySelector<HTMLElement>('[data-testid="chart-readout"]');
const readoutX = (chart: HTMLElement) =>
  chart.querySelector('[data-testid="chart-readout-x"]')?.textContent;

/** Moves the mouse over `chart` to the pixel of data x `x` (its x axis from 0 to 10). */
async function hover(chart: HTMLElement, x: number) {
  const rect = chart.querySelector('defs clipPath rect');
  const left = Number(rect?.getAttribute('x'));
  const width = Number(rect?.getAttribute('width'));
  await act(async () => {
    bodyOf(chart).dispatchEvent(
      new MouseEvent('mousemove', { bubbles: true, clientX: left + (x / 10) * width }),
    );
  });
}

async function drawPair(synced: boolean) {
  const pair = (
    <>
      <MetricChart title="Loss" lines={LOSS} xMax={10} />
      <MetricChart title="Accuracy" lines={ACCURACY} xMax={10} />
    </>
  );
  await act(async () =>
    root.render(synced ? <ReadoutSyncProvider scope="step">{pair}</ReadoutSyncProvider> : pair),
  );
}

describe('readoutSync store', () => {
  it('tells listeners of real moves only, and clears only for the chart that set it', () => {
    const store = createReadoutStore();
    let heard = 0;
    const stop = store.subscribe(() => heard++);
    store.set({ x: 3, source: 'a' });
    store.set({ x: 3, source: 'a' });
    expect(heard).toBe(1);
    store.clear('b');
    expect(store.get()).toEqual({ x: 3, source: 'a' });
    store.clear('a');
    expect(store.get()).toBeUndefined();
    expect(heard).toBe(2);
    stop();
    store.set({ x: 1, source: 'b' });
    expect(heard).toBe(2);
  });
});

describe('synchronized readouts', () => {
  it('moves the readout of every chart of a provider to the hovered x, and hides all on leave', async () => {
    await drawPair(true);
    const [loss, accuracy] = charts() as [HTMLElement, HTMLElement];
    await hover(loss, 6);
    expect(readoutX(loss)).toBe('step 6');
    // The other chart reads the same x, its line at its nearest recorded step.
    expect(readoutX(accuracy)).toBe('step 6');
    expect(accuracy.querySelector('.chart-readout-value')?.textContent).toBe('0.5 at 5');
    // Only the hovered chart's readout is announced.
    expect(readoutOf(loss)?.getAttribute('role')).toBe('status');
    expect(readoutOf(accuracy)?.getAttribute('role')).toBeNull();
    expect(readoutOf(accuracy)?.getAttribute('aria-hidden')).toBe('true');

    await act(async () => {
      bodyOf(loss).dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    });
    expect(readoutOf(loss)).toBeNull();
    expect(readoutOf(accuracy)).toBeNull();
  });

  it('follows keyboard reading too, from the x another chart left', async () => {
    await drawPair(true);
    const [loss, accuracy] = charts() as [HTMLElement, HTMLElement];
    await hover(loss, 2);
    await act(async () => {
      bodyOf(accuracy).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(readoutX(loss)).toBe('step 10');
    expect(readoutX(accuracy)).toBe('step 10');
    expect(readoutOf(accuracy)?.getAttribute('role')).toBe('status');
    await act(async () => {
      bodyOf(accuracy).dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(readoutOf(loss)).toBeNull();
  });

  it('keeps each chart to its own readout outside a provider', async () => {
    await drawPair(false);
    const [loss, accuracy] = charts() as [HTMLElement, HTMLElement];
    await hover(loss, 6);
    expect(readoutX(loss)).toBe('step 6');
    expect(readoutOf(accuracy)).toBeNull();
  });
});

describe('raw lines', () => {
  it('draws them thin and faint behind their lines, outside the legend and the readout', async () => {
    const smooth = line('a', [0, 5, 10], [5, 5, 5]);
    const raw = { ...line('a:raw', [0, 5, 10], [1, 9, 2]), label: 'A' };
    await act(async () =>
      root.render(<MetricChart title="Loss" lines={[smooth]} rawLines={[raw]} xMax={10} />),
    );
    const groups = Array.from(container.querySelectorAll('.chart-line'));
    expect(groups.map((g) => g.getAttribute('class'))).toEqual([
      'chart-line chart-raw',
      'chart-line',
    ]);
    const rawPath = container.querySelector('.chart-raw path.recharts-line-curve');
    expect(rawPath?.getAttribute('stroke-width')).toBe('1');
    expect(Number(rawPath?.getAttribute('stroke-opacity'))).toBeLessThan(0.5);
    expect(container.querySelectorAll('.chart-legend li')).toHaveLength(1);
    expect(charts()[0]?.dataset.lines).toBe('1');
    // The y axis fits the raw values' spread, not only the flat smoothed line.
    const ticks = Array.from(
      container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'),
      (t) => Number(t.textContent),
    );
    expect(Math.min(...ticks)).toBeLessThanOrEqual(1);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(9);
    await hover(charts()[0] as HTMLElement, 5);
    const rows = container.querySelectorAll('[data-testid="chart-readout-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.querySelector('.chart-readout-value')?.textContent).toBe('5');
  });
});
