/**
 * Rows of a long table take in new values a few at a time: when 48 runs stream, a batch that
 * changed every row at once re-laid out 240 numbers in one frame (40 ms and more), and rows that
 * changed in every frame kept the page laying out, painting and compositing the table all the time.
 * Up to UPDATES_PER_TURN rows update in one turn, and turns come at most every TURN_MS; the rest
 * wait for later turns, each taking its newest value when its turn comes. A change the row calls
 * urgent (a status the user asked for: Pause, Resume, Stop) does not wait for a turn: up to
 * UPDATES_PER_TURN such rows update per animation frame. With few rows, or no animation frames
 * (Node), nothing waits.
 */
import { useTurnValue, type Turn, type Turns, type UrgentLane } from '../charts/redrawTurns';

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
    urgent.delete(update);
    used += 1;
    update();
  }
  if (waiting.size > 0) askNextTurn();
}

/** Rows with an urgent change waiting for the next frame, oldest first. */
const urgent = new Set<Turn>();
/** Urgent updates made since the last frame. */
let urgentUsed = 0;
let urgentFrameAsked = false;

function askUrgentFrame(): void {
  if (urgentFrameAsked) return;
  urgentFrameAsked = true;
  requestAnimationFrame(onUrgentFrame);
}

function onUrgentFrame(): void {
  urgentFrameAsked = false;
  urgentUsed = 0;
  for (const update of urgent) {
    if (urgentUsed >= UPDATES_PER_TURN) break;
    urgent.delete(update);
    waiting.delete(update);
    urgentUsed += 1;
    update();
  }
  // Count this frame's updates until the next one, and serve whoever still waits.
  if (urgentUsed > 0 || urgent.size > 0) askUrgentFrame();
}

/** Run an urgent `update` now if this frame has room (and no one waits before it), else next frame. */
function paceUrgent(update: Turn): void {
  if (!hasFrames()) return update();
  if (urgentUsed < UPDATES_PER_TURN && urgent.size === 0) {
    urgentUsed += 1;
    askUrgentFrame();
    waiting.delete(update);
    update();
    return;
  }
  urgent.add(update);
  askUrgentFrame();
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

/** Rows waiting for a turn or an urgent frame (for tests). */
export const rowsWaiting = () => new Set([...waiting, ...urgent]).size;

const ROW_TURNS: Turns = { wait: pace, forget: (update) => waiting.delete(update) };
const URGENT_TURNS: Turns = { wait: paceUrgent, forget: (update) => urgent.delete(update) };

/**
 * `value` as this row may show it now: the newest value once its turn has come, or within a frame
 * or so where `isUrgent(shown, next)`.
 */
export function useFramePaced<T>(value: T, isUrgent?: (shown: T, next: T) => boolean): T {
  const lane: UrgentLane<T> | undefined = isUrgent && { turns: URGENT_TURNS, when: isUrgent };
  return useTurnValue(value, ROW_TURNS, lane);
}
