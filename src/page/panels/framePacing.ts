/**
 * Rows of a long table take in new values a few at a time: when 48 runs stream, a batch that
 * changed every row at once re-laid out 240 numbers in one frame (40 ms and more), and rows that
 * changed in every frame kept the page laying out, painting and compositing the table all the time.
 * Up to UPDATES_PER_TURN rows update in one turn, and turns come at most every TURN_MS; the rest
 * wait for later turns, each taking its newest value when its turn comes. With few rows, or no
 * animation frames (Node), nothing waits.
 */
import { useTurnValue, type Turn, type Turns } from '../charts/redrawTurns';

/** Rows that may take in new values in one turn. */
export const UPDATES_PER_TURN = 12;

/** Least time between two turns, ms: a table's numbers are read, not watched, so 4 a second. */
export const TURN_MS = 250;

/** Rows waiting, oldest first (a Set ignores a second entry of the same row). */
const waiting = new Set<Turn>();
/** Updates made in the current turn. */
let used = 0;
/** When the current turn began (performance.now(), ms). */
let turnStart = -Infinity;
let frameAsked = false;

const hasFrames = () => typeof requestAnimationFrame === 'function';

/** Begin a new turn if the last one is over. */
function startTurnIfDue(now: number): void {
  if (now - turnStart < TURN_MS) return;
  turnStart = now;
  used = 0;
}

/** Serve the waiting rows in the first animation frame of the next turn. */
function askNextTurn(): void {
  if (frameAsked) return;
  frameAsked = true;
  const wait = turnStart + TURN_MS - performance.now();
  if (wait <= 0) requestAnimationFrame(onFrame);
  else setTimeout(() => requestAnimationFrame(onFrame), wait);
}

function onFrame(): void {
  frameAsked = false;
  startTurnIfDue(performance.now());
  for (const update of waiting) {
    if (used >= UPDATES_PER_TURN) break;
    waiting.delete(update);
    used += 1;
    update();
  }
  if (waiting.size > 0) askNextTurn();
}

/** Run `update` now if this turn has room (and no one waits before it), else in a later turn. */
function pace(update: Turn): void {
  if (!hasFrames()) return update();
  startTurnIfDue(performance.now());
  if (used < UPDATES_PER_TURN && waiting.size === 0) {
    used += 1;
    update();
    return;
  }
  waiting.add(update);
  askNextTurn();
}

/** Rows waiting for a turn (for tests). */
export const rowsWaiting = () => waiting.size;

const ROW_TURNS: Turns = { wait: pace, forget: (update) => waiting.delete(update) };

/** `value` as this row may show it now: the newest value once its turn has come. */
export function useFramePaced<T>(value: T): T {
  return useTurnValue(value, ROW_TURNS);
}
