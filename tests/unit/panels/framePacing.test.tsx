// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  rowsWaiting,
  TURN_MS,
  UPDATES_PER_TURN,
  useFramePaced,
} from '../../../src/page/panels/framePacing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The clock (performance.now and timers) moves only when a test moves it.
vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });

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

/** A value whose change to a negative number is urgent (as a row's new status). */
const urgentIfNegative = (_shown: number, next: number) => next < 0;

function Row({ value }: { value: number }) {
  return <span>{useFramePaced(value, urgentIfNegative)}</span>;
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

/** Move the clock to the next turn (its timer asks for a frame) and run that frame. */
const nextTurn = () => {
  act(() => vi.advanceTimersByTime(TURN_MS));
  nextFrame();
};

afterEach(() => {
  // Let every waiting row through, and start the next test in a turn of its own.
  for (let i = 0; i < 10 && rowsWaiting() > 0; i++) nextTurn();
  nextTurn();
});

describe('useFramePaced', () => {
  it('shows a new value at once while a frame has room', () => {
    const r = rows(3);
    r.show(1);
    r.show(2);
    expect(r.shown()).toEqual([2, 2, 2]);
    r.root.unmount();
  });

  it('lets UPDATES_PER_TURN rows change per turn; the others take their newest value later', () => {
    const count = 2 * UPDATES_PER_TURN + 3;
    const r = rows(count);
    r.show(1);
    nextTurn();
    r.show(2);
    expect(r.shown().filter((v) => v === 2)).toHaveLength(UPDATES_PER_TURN);
    expect(rowsWaiting()).toBe(count - UPDATES_PER_TURN);
    // A newer value while they wait: each waiting row takes it when its turn comes.
    r.show(3);
    nextTurn();
    expect(r.shown().filter((v) => v === 3)).toHaveLength(UPDATES_PER_TURN);
    nextTurn();
    nextTurn();
    expect(r.shown()).toEqual(Array.from({ length: count }, () => 3));
    expect(rowsWaiting()).toBe(0);
    r.root.unmount();
  });

  it('serves waiting rows no sooner than TURN_MS after the turn began, in an animation frame', () => {
    const count = UPDATES_PER_TURN + 4;
    const r = rows(count);
    r.show(1);
    nextTurn();
    r.show(2);
    expect(rowsWaiting()).toBe(4);
    // Frames within the turn serve no one.
    nextFrame();
    act(() => vi.advanceTimersByTime(TURN_MS - 1));
    nextFrame();
    expect(rowsWaiting()).toBe(4);
    // The turn is over: its timer asks for a frame, and that frame lets the four through.
    act(() => vi.advanceTimersByTime(1));
    expect(rowsWaiting()).toBe(4);
    nextFrame();
    expect(rowsWaiting()).toBe(0);
    expect(r.shown()).toEqual(Array.from({ length: count }, () => 2));
    r.root.unmount();
  });

  it('a row whose value changes twice in one turn counts twice against it', () => {
    const r = rows(UPDATES_PER_TURN / 2);
    r.show(1);
    nextTurn();
    r.show(2);
    r.show(3);
    expect(r.shown()).toEqual(Array.from({ length: UPDATES_PER_TURN / 2 }, () => 3));
    r.show(4);
    expect(rowsWaiting()).toBe(UPDATES_PER_TURN / 2);
    nextTurn();
    expect(r.shown()).toEqual(Array.from({ length: UPDATES_PER_TURN / 2 }, () => 4));
    r.root.unmount();
  });

  it('an urgent change skips the turn: UPDATES_PER_TURN rows per animation frame', () => {
    const count = UPDATES_PER_TURN + 4;
    const r = rows(count);
    r.show(1);
    nextTurn();
    // Use up this turn, so ordinary changes would wait for the next one.
    r.show(2);
    expect(rowsWaiting()).toBe(4);
    r.show(-1);
    expect(r.shown().filter((v) => v === -1)).toHaveLength(UPDATES_PER_TURN);
    // The rest in the next frame, though the turn is not over.
    nextFrame();
    expect(r.shown()).toEqual(Array.from({ length: count }, () => -1));
    expect(rowsWaiting()).toBe(0);
    r.root.unmount();
  });

  it('forgets a row that unmounts while it waits', () => {
    const r = rows(UPDATES_PER_TURN + 5);
    r.show(1);
    nextTurn();
    r.show(2);
    expect(rowsWaiting()).toBe(5);
    r.root.unmount();
    expect(rowsWaiting()).toBe(0);
  });
});
