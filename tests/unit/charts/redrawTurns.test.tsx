// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartsWaiting, useRedrawTurn } from '../../../src/page/charts/redrawTurns';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** What each chart drew, in order. */
let drawn: string[];
let root: Root;
let host: HTMLDivElement;

function Chart({ name, value }: { name: string; value: number }) {
  const shown = useRedrawTurn(value);
  drawn.push(`${name}=${shown}`);
  return <span data-name={name}>{shown}</span>;
}

/** Render synchronously: a turn must not come inside it. */
const render = (a: number, b: number) =>
  act(() => {
    root.render(
      <>
        <Chart name="a" value={a} />
        <Chart name="b" value={b} />
      </>,
    );
  });
/** Animation frames asked for and not yet run: the test runs them by hand. */
let frames: FrameRequestCallback[];
const savedFrame = globalThis.requestAnimationFrame;
/** Let one task pass (a turn is one task). */
const oneTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
/** Run the frames asked for so far. */
const oneFrame = () =>
  act(() => {
    const now = frames;
    frames = [];
    for (const frame of now) frame(performance.now());
  });
/** A frame, then a task: the next turn, if one waits. */
const nextTurn = async () => {
  oneFrame();
  await oneTask();
};
const shownOf = (name: string) => host.querySelector(`[data-name="${name}"]`)?.textContent;

beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = (callback) => frames.push(callback);
  drawn = [];
  host = document.createElement('div');
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  globalThis.requestAnimationFrame = savedFrame;
});

describe('useRedrawTurn', () => {
  it('draws at once on mount, then each chart redraws in a task and frame of its own with its newest value', async () => {
    render(1, 1);
    expect([shownOf('a'), shownOf('b')]).toEqual(['1', '1']);
    drawn = [];
    render(2, 2);
    render(3, 3);
    // New values wait for their turn: nothing has been redrawn with them yet.
    expect([shownOf('a'), shownOf('b')]).toEqual(['1', '1']);
    expect(chartsWaiting()).toBe(2);
    // The first turn is the next task; the second waits for a frame, however many tasks pass.
    await oneTask();
    await oneTask();
    await oneTask();
    expect([shownOf('a'), shownOf('b')]).toEqual(['3', '1']);
    await nextTurn();
    expect([shownOf('a'), shownOf('b')]).toEqual(['3', '3']);
    expect(chartsWaiting()).toBe(0);
    // Each took one redraw with the newest value, never the one in between, and never together.
    expect(drawn.filter((d) => d.endsWith('=2'))).toEqual([]);
    const first = drawn.indexOf('a=3');
    const second = drawn.indexOf('b=3');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(drawn.slice(first, second)).not.toContain('b=3');
  });

  it('a chart removed while waiting leaves the queue', async () => {
    render(1, 1);
    render(2, 2);
    expect(chartsWaiting()).toBe(2);
    act(() => {
      root.render(<Chart name="a" value={2} />);
    });
    expect(chartsWaiting()).toBe(1);
    for (let i = 0; i < 10 && chartsWaiting() > 0; i++) await nextTurn();
    expect(shownOf('a')).toBe('2');
  });
});
