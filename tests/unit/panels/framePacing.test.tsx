// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  rowsWaiting,
  UPDATES_PER_FRAME,
  useFramePaced,
} from '../../../src/page/panels/framePacing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Animation frames run by hand. */
let frames: FrameRequestCallback[] = [];
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
  frames.push(callback);
  return frames.length;
});
const nextFrame = () =>
  act(() => {
    const due = frames;
    frames = [];
    due.forEach((callback) => callback(0));
  });

function Row({ value }: { value: number }) {
  return <span>{useFramePaced(value)}</span>;
}

/** `count` rows showing `value`, and what they show. */
function rows(count: number) {
  const container = document.createElement('div');
  const root = createRoot(container);
  const show = (value: number) =>
    act(() =>
      root.render(
        <>
          {Array.from({ length: count }, (_, i) => (
            <Row key={i} value={value} />
          ))}
        </>,
      ),
    );
  const shown = () => Array.from(container.querySelectorAll('span'), (s) => Number(s.textContent));
  return { show, shown, root };
}

afterEach(() => {
  // Let every waiting row through before the next test.
  for (let i = 0; i < 10 && rowsWaiting() > 0; i++) nextFrame();
  nextFrame();
});

describe('useFramePaced', () => {
  it('shows a new value at once while a frame has room', () => {
    const r = rows(3);
    r.show(1);
    r.show(2);
    expect(r.shown()).toEqual([2, 2, 2]);
    r.root.unmount();
  });

  it('lets UPDATES_PER_FRAME rows change per frame; the others take their newest value later', () => {
    const count = 2 * UPDATES_PER_FRAME + 3;
    const r = rows(count);
    r.show(1);
    nextFrame();
    r.show(2);
    expect(r.shown().filter((v) => v === 2)).toHaveLength(UPDATES_PER_FRAME);
    expect(rowsWaiting()).toBe(count - UPDATES_PER_FRAME);
    // A newer value while they wait: each waiting row takes it when its turn comes.
    r.show(3);
    nextFrame();
    expect(r.shown().filter((v) => v === 3)).toHaveLength(UPDATES_PER_FRAME);
    nextFrame();
    nextFrame();
    expect(r.shown()).toEqual(Array.from({ length: count }, () => 3));
    expect(rowsWaiting()).toBe(0);
    r.root.unmount();
  });

  it('forgets a row that unmounts while it waits', () => {
    const r = rows(UPDATES_PER_FRAME + 5);
    r.show(1);
    nextFrame();
    r.show(2);
    expect(rowsWaiting()).toBe(5);
    r.root.unmount();
    expect(rowsWaiting()).toBe(0);
  });
});
