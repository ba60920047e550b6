// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useThrottledValue } from '../../../src/page/panels/useThrottledValue';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const INTERVAL_MS = 1000;
/** Every value the component rendered, in order. */
let rendered: number[];
let root: Root;

function Shown({ value }: { value: number }) {
  const shown = useThrottledValue(value, INTERVAL_MS);
  rendered.push(shown);
  return null;
}

const render = (value: number) => act(() => root.render(<Shown value={value} />));
const pass = (ms: number) => act(() => vi.advanceTimersByTime(ms));
const last = () => rendered.at(-1);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  rendered = [];
  root = createRoot(document.createElement('div'));
});
afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

describe('useThrottledValue', () => {
  it('shows the first value, and the first change after a quiet interval, at once', () => {
    render(1);
    expect(last()).toBe(1);
    render(2);
    expect(last()).toBe(2);
  });

  it('holds later changes to the interval’s end, then shows the newest only', () => {
    render(1);
    render(2);
    pass(100);
    render(3);
    render(4);
    pass(500);
    render(5);
    expect(last()).toBe(2);
    // 1000 ms after 2 was shown: 5, never 3 or 4.
    pass(399);
    expect(last()).toBe(2);
    pass(1);
    expect(last()).toBe(5);
    expect(rendered).not.toContain(3);
    expect(rendered).not.toContain(4);
  });

  it('shows a change back to the shown value as no change, and waits nothing after a quiet spell', () => {
    render(1);
    render(2);
    render(3);
    render(2);
    pass(INTERVAL_MS);
    expect(last()).toBe(2);
    expect(rendered).not.toContain(3);
    pass(5 * INTERVAL_MS);
    render(7);
    expect(last()).toBe(7);
  });
});
