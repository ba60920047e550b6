/**
 * The chart's background colour as the theme paints it (the CSS variable --surface), read again
 * when the theme changes: the page's data-theme attribute or the system's colour scheme.
 */
import { useEffect, useState, type RefObject } from 'react';

const read = (element: Element | null) =>
  element ? getComputedStyle(element).getPropertyValue('--surface').trim() : '';

export function useSurfaceColor(ref: RefObject<Element | null>): string {
  const [surface, setSurface] = useState('');
  useEffect(() => {
    const update = () => setSurface(read(ref.current));
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class'],
    });
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener?.('change', update);
    return () => {
      observer.disconnect();
      scheme?.removeEventListener?.('change', update);
    };
  }, [ref]);
  return surface;
}
