// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MetricChart,
  type ChartBand,
  type ChartLine,
  type MetricChartProps,
} from '../../../src/page/charts/MetricChart';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom has no layout: useElementWidth reads this as the chart body's width. */
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

const steps = (n: number, every = 1) => Array.from({ length: n }, (_, i) => i * every);

function line(id: string, xs: number[], ys: number[], extra: Partial<ChartLine> = {}): ChartLine {
  return {
    id,
    label: id.toUpperCase(),
    color: `#${id}${id}${id}`,
    xs,
    ys,
    length: xs.length,
    ...extra,
  };
}

async function draw(props: Partial<MetricChartProps> & Pick<MetricChartProps, 'lines'>) {
  await act(async () => root.render(<MetricChart title="Loss" {...props} />));
}

const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => Array.from(container.querySelectorAll<HTMLElement>(selector));
const body = () => $('.chart-body') as HTMLElement;

/** Points in a recharts path: one M then one L per further point. */
const pathPoints = (path: Element) => (path.getAttribute('d')?.match(/[ML]/g) ?? []).length;
const linePaths = () => $$('.chart-line path.recharts-line-curve');

/** The plot area recharts laid out, from its clip rectangle (left, width). */
function plotArea() {
  const rect = $('defs clipPath rect');
  return { x: Number(rect?.getAttribute('x')), width: Number(rect?.getAttribute('width')) };
}

/** Moves the mouse over the chart body to the pixel of data x `x` (x axis from 0 to `xEnd`). */
async function hover(x: number, xEnd: number) {
  const plot = plotArea();
  const clientX = plot.x + (x / xEnd) * plot.width;
  await act(async () => {
    body().dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX }));
  });
}

async function press(key: string, init: KeyboardEventInit = {}) {
  await act(async () => {
    body().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  });
}

/** The readout as [x caption, [label, value text] per row in order], or undefined when hidden. */
function readout() {
  const box = $('[data-testid="chart-readout"]');
  if (!box) return undefined;
  const rows = $$('[data-testid="chart-readout-row"]').map((row) => [
    row.querySelector('th')?.textContent,
    row.querySelector('.chart-readout-value')?.textContent,
  ]);
  return [$('[data-testid="chart-readout-x"]')?.textContent, rows];
}

describe('MetricChart', () => {
  it('draws each line as a recharts path and says how many on the figure', async () => {
    const xs = steps(21);
    await draw({
      lines: [
        line(
          'a',
          xs,
          xs.map((x) => x * 2),
        ),
        line(
          'b',
          xs,
          xs.map((x) => 100 - x),
        ),
        line(
          'c',
          xs,
          xs.map(() => 50),
          { width: 1, opacity: 0.5, dashed: true },
        ),
      ],
    });
    const figure = $('[data-testid="metric-chart"]');
    expect(figure?.dataset.title).toBe('Loss');
    expect(figure?.dataset.lines).toBe('3');
    const paths = linePaths();
    expect(paths).toHaveLength(3);
    for (const path of paths) expect(pathPoints(path)).toBe(21);
    expect(paths[0]?.getAttribute('stroke-width')).toBe('2');
    expect(paths[2]?.getAttribute('stroke-width')).toBe('1');
    expect(paths[2]?.getAttribute('stroke-opacity')).toBe('0.5');
    expect(paths[2]?.getAttribute('stroke-dasharray')).toBe('7 4');
    expect($('.chart-empty')).toBeNull();
    // The chart body is the one tab stop (recharts' own keyboard layer is off).
    expect(body().tabIndex).toBe(0);
    expect($$('svg[tabindex]')).toHaveLength(0);
  });

  it('marks a line of one point (a single test evaluation) with a dot in its colour', async () => {
    const xs = steps(5);
    await draw({
      lines: [
        line(
          'many',
          xs,
          xs.map((x) => x),
        ),
        line('one', [4], [0.9], { color: '#0072B2' }),
      ],
    });
    expect(linePaths()).toHaveLength(1);
    const markers = $$('.chart-line circle.chart-marker');
    expect(markers).toHaveLength(1);
    expect(markers[0]?.getAttribute('fill')).toBe('#0072B2');
    expect(Number(markers[0]?.getAttribute('cx'))).toBeGreaterThan(0);
    expect($('.chart-empty')).toBeNull();
  });

  it('fits the x axis to the data without xMax, and keeps a given xMax', async () => {
    const xs = steps(21);
    const tickTexts = () =>
      $$('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').map(
        (t) => t.textContent,
      );
    await draw({ lines: [line('a', xs, xs)] });
    expect(tickTexts().at(-1)).toBe('20');
    await draw({ lines: [line('a', xs, xs)], xMax: 40 });
    expect(tickTexts().at(-1)).toBe('40');
    await draw({
      lines: [line('a', xs, xs)],
      xLabel: 'time',
      formatX: (v) => `${v}s`,
    });
    expect(tickTexts().at(-1)).toBe('20s');
    expect($('.chart-axis-title')?.textContent).toBe('time');
  });

  it('draws bands as filled ranges under the lines, downsampled to the width', async () => {
    const xs = steps(5000);
    const band: ChartBand = {
      id: 'spread',
      color: '#c00',
      xs,
      lows: xs.map((x) => -1 - Math.sin(x)),
      highs: xs.map((x) => 1 + Math.sin(x)),
      length: xs.length,
    };
    await draw({
      lines: [
        line(
          'a',
          xs,
          xs.map((x) => Math.sin(x)),
        ),
      ],
      bands: [band, { ...band, id: 'inner', opacity: 0.4 }],
    });
    const areas = $$('.chart-band path.recharts-area-area');
    expect(areas).toHaveLength(2);
    expect(areas[0]?.getAttribute('fill')).toBe('#c00');
    expect(areas[0]?.getAttribute('fill-opacity')).toBe('0.18');
    expect(areas[1]?.getAttribute('fill-opacity')).toBe('0.4');
    // Upper edge then lower edge, each about one point per pixel, not 5,000.
    const points = pathPoints(areas[0] as Element);
    expect(points).toBeGreaterThan(100);
    expect(points).toBeLessThanOrEqual(2 * (WIDTH + 1));
    // Bands come before (under) the lines in the SVG.
    const first = $('.chart-band, .chart-line');
    expect(first?.classList.contains('chart-band')).toBe(true);
  });

  it('keeps 8 lines of 5,000 points to about one point per pixel each', async () => {
    const xs = steps(5000);
    const lines = Array.from({ length: 8 }, (_, k) =>
      line(
        `l${k}`,
        xs,
        xs.map((x) => Math.sin(x / 50 + k) + k),
      ),
    );
    await draw({ lines });
    expect(linePaths()).toHaveLength(8);
    for (const path of linePaths()) expect(pathPoints(path)).toBeLessThanOrEqual(WIDTH);
  });

  it('hides values <= 0 on a log scale, says how many, and ticks at powers of ten', async () => {
    const xs = steps(7);
    const lines = [line('a', xs, [-1, 0, 0.01, 0.1, NaN, 1, 10])];
    await draw({ lines });
    expect($('[data-testid="chart-note"]')).toBeNull();
    expect(pathPoints(linePaths()[0] as Element)).toBe(6);

    await draw({ lines, yScale: 'log' });
    expect(pathPoints(linePaths()[0] as Element)).toBe(4);
    expect($('[data-testid="chart-note"]')?.textContent).toBe(
      '2 points ≤ 0 hidden on the log scale',
    );
    const ticks = $$('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(['0.01', '0.1', '1', '10']);
  });

  it('reads every line at the hovered step, largest first, each at its nearest step', async () => {
    const lines = [
      line(
        'a',
        steps(21),
        steps(21).map((x) => x * 2),
      ), // 20 at step 10
      line(
        'b',
        steps(11, 2),
        steps(11, 2).map((x) => 100 - x),
      ), // every 2nd step: 90 at step 10
      line('c', steps(6), [5, 4, 3, 2, 1, 0.5]), // ends at step 5
    ];
    await draw({ lines });
    expect(readout()).toBeUndefined();

    await hover(10.3, 20);
    expect(readout()).toEqual([
      'step 10',
      [
        ['B', '90'],
        ['A', '20'],
        ['C', '0.5 at 5'],
      ],
    ]);
    // The cursor stands at step 10's pixel.
    const plot = plotArea();
    expect(parseFloat($('[data-testid="chart-cursor"]')?.style.left ?? '')).toBeCloseTo(
      plot.x + plot.width / 2,
      6,
    );

    // Step 11: line b has 88 at 10 and 86 at 12; the tie goes to the lower step.
    await hover(11, 20);
    expect(readout()).toEqual([
      'step 11',
      [
        ['B', '90 at 10'],
        ['A', '22'],
        ['C', '0.5 at 5'],
      ],
    ]);

    await act(async () => {
      body().dispatchEvent(
        new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }),
      );
    });
    expect(readout()).toBeUndefined();
  });

  it('moves the readout with the arrow keys and hides it on Escape', async () => {
    const lines = [
      line(
        'a',
        steps(21),
        steps(21).map((x) => x * 2),
      ),
      line(
        'b',
        steps(11, 2),
        steps(11, 2).map((x) => 100 - x),
      ),
    ];
    await draw({ lines, formatY: (v) => v.toFixed(1) });
    await act(async () => body().focus());
    expect(document.activeElement).toBe(body());

    await press('ArrowRight');
    expect(readout()?.[0]).toBe('step 0');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(readout()).toEqual([
      'step 2',
      [
        ['B', '98.0'],
        ['A', '4.0'],
      ],
    ]);
    await press('End');
    expect(readout()?.[0]).toBe('step 20');
    await press('ArrowLeft');
    expect(readout()?.[0]).toBe('step 19');
    // Shift moves a tenth of the plot width: at least 2 steps of 20.
    await press('ArrowLeft', { shiftKey: true });
    expect(readout()?.[0]).toBe('step 17');
    await press('Home');
    expect(readout()?.[0]).toBe('step 0');
    await press('ArrowLeft');
    expect(readout()?.[0]).toBe('step 0');

    await press('Escape');
    expect(readout()).toBeUndefined();
    // From hidden, the left arrow starts at the right end.
    await press('ArrowLeft');
    expect(readout()?.[0]).toBe('step 20');
  });

  it('formats the readout x with formatX and says when a line has no points', async () => {
    await draw({
      lines: [line('a', [0, 1.5, 3], [1, 2, 3]), line('b', [], [])],
      xLabel: 'time',
      formatX: (v) => `${v.toFixed(1)} s`,
    });
    await press('End');
    expect(readout()).toEqual([
      'time 3.0 s',
      [
        ['A', '3'],
        ['B', '—'],
      ],
    ]);
  });

  it('shows the empty message when no line has points', async () => {
    await draw({ lines: [line('a', [], [])] });
    expect($('.chart-empty')?.textContent).toBe('No points yet: press Train.');
  });
});

describe('text alternatives', () => {
  it('describes every line for screen readers and opens a data table on demand', async () => {
    await draw({ lines: [line('a', steps(11), steps(11, 0.1)), line('b', [], [])] });
    const summary = $('[data-testid="chart-summary"]');
    expect(body().getAttribute('aria-describedby')).toBe(summary?.id);
    expect(summary?.textContent).toBe(
      'A: 11 points, step 0 to 10, from 0 to 1 (lowest 0, highest 1). B: no points yet.',
    );
    const details = $('[data-testid="chart-data"]') as HTMLDetailsElement;
    expect(details.querySelector('table')).toBeNull(); // built only when opened
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    const rows = $$('[data-testid="chart-data"] tbody tr');
    expect(rows).toHaveLength(11);
    expect(rows[5]?.textContent).toBe('50.5–');
    expect($$('[data-testid="chart-data"] thead th').map((th) => th.textContent)).toEqual([
      'step',
      'A',
      'B',
    ]);
  });
});
