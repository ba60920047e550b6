// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MetricChart, type ChartLine } from '../../../src/page/charts/MetricChart';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** jsdom has no layout: useElementWidth reads this as the chart body's width. */
const WIDTH = 400;

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
  createObjectURL: URL.createObjectURL,
  revokeObjectURL: URL.revokeObjectURL,
};
/** Blobs handed to downloads, with the file names they were offered under. */
let downloads: { blob: Blob; name: string }[];

beforeEach(() => {
  globalThis.ResizeObserver = StillResizeObserver as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => WIDTH,
  });
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ blob: blobs.get(this.href)!, name: this.download });
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  globalThis.ResizeObserver = saved.ResizeObserver;
  URL.createObjectURL = saved.createObjectURL;
  URL.revokeObjectURL = saved.revokeObjectURL;
  if (saved.clientWidth) {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.clientWidth);
  }
});

const LINES: ChartLine[] = [
  {
    id: 'a',
    label: 'plain',
    color: '#0072b2',
    xs: [0, 1, 2, 3, 4],
    ys: [2.3, 2, 1.7, 1.5, 1.2],
    length: 5,
  },
  {
    id: 'b',
    label: 'with BN',
    color: '#d55e00',
    dashed: true,
    xs: [0, 4],
    ys: [2.3, 0.9],
    length: 2,
  },
];

async function draw(exportName?: string) {
  await act(async () =>
    root.render(<MetricChart title="Train loss" lines={LINES} exportName={exportName} />),
  );
}

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const menu = () => byTestId('chart-export-png').parentElement!;

async function click(element: HTMLElement) {
  await act(async () => element.click());
}

describe('the chart export menu', () => {
  it('opens from the title row and closes on Escape, giving focus back to its button', async () => {
    await draw();
    const toggle = byTestId('chart-export');
    expect(toggle.textContent).toBe('Export');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(menu().hidden).toBe(true);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(menu().hidden).toBe(false);
    expect(toggle.getAttribute('aria-controls')).toBe(menu().id);
    byTestId('chart-export-svg').focus();
    await act(async () => {
      byTestId('chart-export-svg').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(menu().hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it('downloads the SVG as bnlab-<export name>-<theme>-<date>.svg with the series and legend', async () => {
    await draw('does-bn-work-lr-0.5-Train loss');
    await click(byTestId('chart-export'));
    await click(byTestId('chart-export-svg'));
    expect(downloads).toHaveLength(1);
    const [{ blob, name }] = downloads as [{ blob: Blob; name: string }];
    expect(name).toMatch(/^bnlab-does-bn-work-lr-0\.5-train-loss-light-\d{4}-\d{2}-\d{2}\.svg$/);
    expect(blob.type).toContain('image/svg+xml');
    const text = await blob.text();
    expect(text).not.toContain('var(');
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelectorAll('path.recharts-line-curve')).toHaveLength(2);
    const texts = Array.from(doc.querySelectorAll('text'), (t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Train loss', 'plain', 'with BN']));
    expect(menu().hidden).toBe(true);
  });

  it('names files after the title without an export name', async () => {
    await draw();
    await click(byTestId('chart-export'));
    await click(byTestId('chart-export-svg'));
    expect(downloads[0]?.name).toMatch(/^bnlab-train-loss-light-\d{4}-\d{2}-\d{2}\.svg$/);
  });

  it('says so in the chart when the clipboard cannot take images', async () => {
    await draw();
    expect(byTestId('chart-export-message').textContent).toBe('');
    await click(byTestId('chart-export'));
    await click(byTestId('chart-export-copy'));
    const message = byTestId('chart-export-message');
    expect(message.textContent).toBe('Copy is not available here: use Download PNG.');
    expect(message.getAttribute('role')).toBe('status');
    expect(message.dataset.tone).toBe('problem');
  });
});
