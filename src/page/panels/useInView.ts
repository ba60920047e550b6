/**
 * Whether an element is on screen (or near it), from one IntersectionObserver shared by every
 * element that asks. Where the browser has none (jsdom), everything counts as in view.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

/** Rows this far outside the viewport count as in view, so a scroll finds them current, CSS px. */
const MARGIN_PX = 200;

type Listener = (inView: boolean) => void;
const listeners = new Map<Element, Listener>();
let shared: IntersectionObserver | null = null;

function observer(): IntersectionObserver | null {
  if (typeof IntersectionObserver !== 'function') return null;
  shared ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: `${MARGIN_PX}px 0px` },
  );
  return shared;
}

/** A ref to put on an element, and whether that element is in view (true until told otherwise). */
export function useInView<E extends Element>(): [RefObject<E | null>, boolean] {
  const ref = useRef<E>(null);
  const [inView, setInView] = useState(true);
  useEffect(() => {
    const element = ref.current;
    const watching = observer();
    if (!element || !watching) return;
    listeners.set(element, setInView);
    watching.observe(element);
    return () => {
      listeners.delete(element);
      watching.unobserve(element);
    };
  }, []);
  return [ref, inView];
}
