/**
 * Charts take turns to redraw: when new points arrive, each chart waits for its turn and redraws
 * alone in its own task, one chart per animation frame, so no task or frame redraws every chart at
 * once (a long task that freezes the page while many runs stream). A chart shows its props at once
 * when it mounts; later props wait for its turn, and a chart already waiting takes the newest props
 * when its turn comes.
 */
import { useEffect, useRef, useState } from 'react';

export type Turn = () => void;

/** Charts waiting, oldest first (a Set keeps insertion order and ignores a second entry). */
const waiting = new Set<Turn>();
let scheduled = false;

/** Run the next task without setTimeout's 4 ms clamp: a MessageChannel message is a task. */
const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
const nextTask = (callback: () => void) => {
  if (channel) {
    channel.port1.onmessage = callback;
    channel.port2.postMessage(null);
  } else setTimeout(callback, 0);
};

/**
 * The task after the next animation frame (or the next task, where there are no frames). recharts
 * applies a chart's new axes and data to its own store in the animation frame after the chart
 * renders, so two charts' turns before one frame made that frame redraw both (60-130 ms frames
 * while a sweep streamed); one turn per frame keeps each frame to one chart.
 */
const afterFrame = (callback: () => void) => {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => nextTask(callback));
  } else nextTask(callback);
};

function takeTurn(): void {
  const [turn] = waiting;
  if (turn) {
    waiting.delete(turn);
    turn();
  }
  scheduled = waiting.size > 0;
  if (scheduled) afterFrame(takeTurn);
}

function wait(turn: Turn): void {
  waiting.add(turn);
  if (!scheduled) {
    scheduled = true;
    nextTask(takeTurn);
  }
}

/** Charts still waiting for a turn (for tests). */
export const chartsWaiting = () => waiting.size;

/** Where a component's turn waits: run now or later (the turn shows the newest value). */
export interface Turns {
  wait(turn: Turn): void;
  /** Drop a turn that waits (its component unmounted). */
  forget(turn: Turn): void;
}

const CHART_TURNS: Turns = { wait, forget: (turn) => waiting.delete(turn) };

/** A second lane for some changes: `when(shown, next)` says which go by `turns` instead. */
export interface UrgentLane<T> {
  turns: Turns;
  when(shown: T, next: T): boolean;
}

/**
 * `value` as its component may show it now: the newest value once its turn (from `turns`, or from
 * `urgent.turns` for a change it calls urgent) came.
 */
export function useTurnValue<T>(value: T, turns: Turns, urgent?: UrgentLane<T>): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const turn = useRef<Turn | null>(null);
  const urgentTurns = urgent?.turns;
  const isUrgent = urgent !== undefined && value !== shown && urgent.when(shown, value);
  useEffect(() => {
    latest.current = value;
    if (value === shown) return;
    turn.current ??= () => setShown(latest.current);
    (isUrgent && urgentTurns ? urgentTurns : turns).wait(turn.current);
  }, [value, shown, turns, urgentTurns, isUrgent]);
  useEffect(
    () => () => {
      if (!turn.current) return;
      turns.forget(turn.current);
      urgentTurns?.forget(turn.current);
    },
    [turns, urgentTurns],
  );
  return shown;
}

/** `value` as this chart may draw it now: the newest value once its turn has come. */
export function useRedrawTurn<T>(value: T): T {
  return useTurnValue(value, CHART_TURNS);
}
