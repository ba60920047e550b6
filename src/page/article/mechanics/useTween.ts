/** Smooth passage of the scatter plot from one picture to the next (points and axis window), by
 * requestAnimationFrame; instant when the reader asks for reduced motion. */
import { useEffect, useState } from 'react';
import type { Point } from './batchNormMath';
import { lerpDomain, type Domain } from './plotScale';

/** What the plot draws: the points and the data window around them. */
export interface Frame {
  points: readonly Point[];
  domain: Domain;
}

/** Length of one transition, in milliseconds. */
const TWEEN_MS = 600;

/** Whether to skip animation: the reader asked for reduced motion, or the page cannot tell (no
 * matchMedia, as in jsdom). */
function prefersReducedMotion(): boolean {
  return (
    typeof window === 'undefined' ||
    typeof window.matchMedia !== 'function' ||
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

/** Slow start, slow finish (cubic), for `t` in [0, 1]. */
const easeInOut = (t: number) => (t < 0.5 ? 4 * t ** 3 : 1 - (-2 * t + 2) ** 3 / 2);

/** The frame a fraction `t` of the way from `a` to `b`, point by point (jumps to `b` when the counts
 * differ). */
function lerpFrame(a: Frame, b: Frame, t: number): Frame {
  if (t >= 1 || a.points.length !== b.points.length) return b;
  const points = b.points.map((q, i) => {
    const p = a.points[i] ?? q;
    return { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
  });
  return { points, domain: lerpDomain(a.domain, b.domain, t) };
}

interface Tween {
  from: Frame;
  to: Frame;
  /** Time elapsed as a fraction of the duration, 0 to 1. */
  progress: number;
}

/** The frame to draw now while moving towards `target`; a new target mid-way starts from where the
 * plot is, so nothing jumps. With `instant` (a slider being dragged) the plot follows at once. */
export function useTween(target: Frame, instant = false, durationMs = TWEEN_MS): Frame {
  const [tween, setTween] = useState<Tween>({ from: target, to: target, progress: 1 });
  let current = tween;
  if (tween.to !== target) {
    // A new target: start from the frame on screen (React's "adjust state while rendering").
    const shown = lerpFrame(tween.from, tween.to, easeInOut(tween.progress));
    current = { from: shown, to: target, progress: instant || prefersReducedMotion() ? 1 : 0 };
    setTween(current);
  }
  const moving = current.progress < 1;

  useEffect(() => {
    if (!moving) return;
    let frame = 0;
    let start: number | undefined;
    const step = (now: number) => {
      start ??= now;
      const progress = Math.min(1, (now - start) / durationMs);
      setTween((t) => (t.to === target ? { ...t, progress } : t));
      if (progress < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [target, moving, durationMs]);

  return lerpFrame(current.from, current.to, easeInOut(current.progress));
}
