// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MechanicsWidget } from '../../../src/page/article/mechanics/MechanicsWidget';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no matchMedia: the widget then moves without animation, so each click settles at once.

let container: HTMLDivElement;
let root: Root;

/** The printed number of a statistic, by test id ("mean-x", "var-y", "batch-mean-x", ...). */
function stat(id: string): string {
  const found = container.querySelector(`[data-testid="mech-${id}"]`);
  if (!found?.textContent) throw new Error(`no statistic ${id}`);
  return found.textContent;
}

/** The four printed statistics of the points as shown. */
const shown = () => ['mean-x', 'mean-y', 'var-x', 'var-y'].map(stat);

function button(text: string): HTMLButtonElement {
  const found = Array.from(container.querySelectorAll('button')).find(
    (b) => b.textContent === text,
  );
  if (!found) throw new Error(`no ${text} button`);
  return found;
}

/** The input its label names. */
function control(labelText: string): HTMLInputElement {
  const label = Array.from(container.querySelectorAll('label')).find(
    (l) => l.textContent?.trim() === labelText,
  );
  const input = label?.control;
  if (!(input instanceof HTMLInputElement)) throw new Error(`no control labelled ${labelText}`);
  return input;
}

/** Moves a slider as a reader would: sets the value and fires input. */
function slide(input: HTMLInputElement, value: number) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setValue?.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const click = (text: string) => act(() => button(text).click());
const status = () => container.querySelector('[role="status"]')?.textContent ?? '';
const normalizeCloud = () => {
  click('Subtract the mean');
  click('Divide by the std');
};

beforeEach(async () => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<MechanicsWidget seed={2018} />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('MechanicsWidget', () => {
  it('starts on the raw cloud, far from the origin, with a plot, a formula and a quiet status', () => {
    const [meanX, meanY, varX, varY] = shown().map(Number);
    expect(meanX).toBeGreaterThan(2);
    expect(meanY).toBeLessThan(-1.5);
    expect(varX).toBeGreaterThan(3 * varY!);
    expect(container.querySelectorAll('svg.mech-plot circle')).toHaveLength(64);
    expect(container.querySelector('.mech-formula .katex')).not.toBeNull();
    expect(status()).toBe('');
    // The printed numbers are the batch's own statistics.
    expect(stat('mean-x')).toBe(stat('batch-mean-x'));
  });

  it('subtracts the mean: printed means 0.00, variances unchanged, and says so', () => {
    const before = shown();
    click('Subtract the mean');
    expect(button('Subtract the mean').getAttribute('aria-pressed')).toBe('true');
    expect(shown()).toEqual(['0.00', '0.00', before[2], before[3]]);
    expect(status()).toMatch(/^Subtracted the batch's mean/);
    expect(container.querySelector('.mech-formula')?.textContent).toContain('μ');
  });

  it('divides by the std: printed variances 1.00, and the axes rescale', () => {
    const labels = () =>
      Array.from(container.querySelectorAll('.mech-tick-labels text'), (t) => t.textContent);
    const rawTicks = labels();
    normalizeCloud();
    expect(shown()).toEqual(['0.00', '0.00', '1.00', '1.00']);
    expect(labels()).not.toEqual(rawTicks);
    expect(status()).toMatch(/each variance is now 1, up to the ε under the root/);
  });

  it('draws a new cloud on Randomize, and Reset brings the raw data back', () => {
    const before = shown();
    click('Randomize');
    const after = shown();
    expect(after).not.toEqual(before);
    expect(status()).toMatch(/^Drew a new cloud/);
    normalizeCloud();
    click('Reset');
    expect(shown()).toEqual(after);
    expect(button('Subtract the mean').getAttribute('aria-pressed')).toBe('false');
    expect(status()).toMatch(/^Back to the raw data/);
  });

  it('applies gamma and beta to the normalized data, per axis', () => {
    expect(control('γ for x').disabled).toBe(true);
    normalizeCloud();
    slide(control('γ for x'), 2);
    slide(control('β for y'), 0.5);
    expect(shown()).toEqual(['0.00', '0.50', '4.00', '1.00']);
    slide(control('γ for y'), 0.5);
    slide(control('β for x'), -1.5);
    expect(shown()).toEqual(['-1.50', '0.50', '4.00', '0.25']);
    expect(control('γ for y').getAttribute('aria-valuetext')).toBe('γ for y: 0.50');
    expect(container.querySelector('.mech-formula')?.textContent).toContain('γ');
  });

  it('normalizes with the running averages at test time, showing both sets of statistics', () => {
    normalizeCloud();
    const batchStats = ['mean-x', 'mean-y', 'var-x', 'var-y'].map((id) => stat(`batch-${id}`));
    const runningStats = ['mean-x', 'mean-y', 'var-x', 'var-y'].map((id) => stat(`running-${id}`));
    expect(runningStats).not.toEqual(batchStats);

    act(() => control('Test time: use running averages').click());
    expect(control('Test time: use running averages').checked).toBe(true);
    const testTime = shown();
    expect(testTime).not.toEqual(['0.00', '0.00', '1.00', '1.00']);
    // Close to, not exactly, standardized.
    for (const m of testTime.slice(0, 2)) expect(Math.abs(Number(m))).toBeLessThan(0.5);
    for (const v of testTime.slice(2)) expect(Math.abs(Number(v) - 1)).toBeLessThan(0.5);
    expect(status()).toMatch(/^Test time: normalizing with the running averages of 30/);

    act(() => control('Test time: use running averages').click());
    expect(shown()).toEqual(['0.00', '0.00', '1.00', '1.00']);
  });

  it('animates over about 600 ms when motion is welcome, and jumps when it is not', () => {
    // A reader who allows motion, and a hand-driven animation clock.
    let reduce = false;
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: reduce, media: query }));
    const queue = new Map<number, FrameRequestCallback>();
    let next = 0;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      queue.set(++next, cb);
      return next;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => queue.delete(id));
    const tick = (now: number) =>
      act(() => {
        const due = [...queue.values()];
        queue.clear();
        for (const cb of due) cb(now);
      });

    const raw = shown();
    click('Subtract the mean');
    expect(shown()).toEqual(raw); // the first frame is still the raw cloud
    tick(1000);
    tick(1300); // half way: the mean is on its way to the origin
    const halfway = Number(stat('mean-x'));
    expect(halfway).toBeGreaterThan(0.1);
    expect(halfway).toBeLessThan(Number(raw[0]));
    tick(1600);
    expect(shown().slice(0, 2)).toEqual(['0.00', '0.00']);
    expect(queue.size).toBe(0);

    reduce = true;
    click('Divide by the std');
    expect(shown()).toEqual(['0.00', '0.00', '1.00', '1.00']);
    expect(queue.size).toBe(0);

    // A slider is followed at once, even when motion is welcome.
    reduce = false;
    slide(control('γ for x'), 2);
    expect(stat('var-x')).toBe('4.00');
  });
});
