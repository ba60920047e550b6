/**
 * Rows of a long table take in new values a few per animation frame: when 48 runs stream, a batch
 * that changed every row at once re-laid out 240 numbers in one frame (40 ms and more). Up to
 * UPDATES_PER_FRAME rows update at once; the rest wait for the next frames, each taking its newest
 * value when its turn comes. With fewer rows, or no animation frames (Node), nothing waits.
 */
import { useEffect, useRef, useState } from 'react';

/** Rows that may take in new values in one frame. */
export const UPDATES_PER_FRAME = 12;

type Update = () => void;

/** Rows waiting, oldest first (a Set ignores a second entry of the same row). */
const waiting = new Set<Update>();
/** Updates made since the last frame. */
let used = 0;
let frameAsked = false;

const hasFrames = () => typeof requestAnimationFrame === 'function';

function askFrame(): void {
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(onFrame);
}

function onFrame(): void {
  frameAsked = false;
  used = 0;
  for (const update of waiting) {
    if (used >= UPDATES_PER_FRAME) break;
    waiting.delete(update);
    used += 1;
    update();
  }
  // Count this frame's updates until the next one, and serve whoever still waits.
  if (used > 0 || waiting.size > 0) askFrame();
}

/** Run `update` now if this frame has room (and no one waits before it), else in a later frame. */
function pace(update: Update): void {
  if (!hasFrames()) return update();
  if (used < UPDATES_PER_FRAME && waiting.size === 0) {
    used += 1;
    askFrame();
    update();
    return;
  }
  waiting.add(update);
  askFrame();
}

/** Rows waiting for a frame (for tests). */
export const rowsWaiting = () => waiting.size;

/** `value` as this row may show it now: the newest value once its turn has come. */
export function useFramePaced<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const update = useRef<Update | null>(null);
  useEffect(() => {
    latest.current = value;
    if (value === shown) return;
    update.current ??= () => setShown(latest.current);
    pace(update.current);
  }, [value, shown]);
  useEffect(
    () => () => {
      if (update.current) waiting.delete(update.current);
    },
    [],
  );
  return shown;
}
