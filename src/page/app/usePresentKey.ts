/** P enters presentation mode from anywhere but a text field. */
import { useEffect } from 'react';

/** Fields whose typing must not trigger it. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

export function usePresentKey(enabled: boolean, onPresent: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'p' && event.key !== 'P') return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      event.preventDefault();
      onPresent();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onPresent]);
}
