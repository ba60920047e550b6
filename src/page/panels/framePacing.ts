/**
 * Rows of a long table take in new values a few per animation frame: when 48 runs stream, a batch
 * that changed every row at once re-laid out 240 numbers in one frame (40 ms and more). Up to
 * UPDATES_PER_FRAME rows update at once; the rest wait for the next frames, each taking its newest
 * value when its turn comes. With fewer rows, or no animation frames (Node), nothing waits.
 */
import { useTurnValue, type Turn, type Turns } from '../charts/redrawTurns';

/** Rows that may take in new values in one frame. */
export const UPDATES_PER_FRAME = 12;

/** Rows waiting, oldest first (a Set ignores a second entry of the same row). */
const waiting = new Set<Turn>();
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
function pace(update: Turn): void {
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

const ROW_TURNS: Turns = { wait: pace, forget: (update) => waiting.delete(update) };

/** `value` as this row may show it now: the newest value once its turn has come. */
export function useFramePaced<T>(value: T): T {
  return useTurnValue(value, ROW_TURNS);
}
