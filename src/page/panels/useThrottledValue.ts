/**
 * A value that follows another at most once per interval: the first change after a quiet interval
 * shows at once, later ones wait for the interval's end and show the newest. A sweep figure's
 * summaries move with every streamed batch while its runs train (a final loss, say), and redrawing
 * a recharts figure several times a second was most of the page's long tasks; once a second is
 * enough to watch it grow.
 */
import { useEffect, useRef, useState } from 'react';

/** `value` as shown: updated at most once per `intervalMs`, always to the newest value. */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  /** When `shown` last changed (performance.now ms), or -Infinity before any change. */
  const shownAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = shownAt.current + intervalMs - performance.now();
    const show = () => {
      shownAt.current = performance.now();
      setShown(value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
