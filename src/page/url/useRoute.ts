/** The route in the URL's hash as React state, and a way to change it. */
import { useCallback, useSyncExternalStore } from 'react';
import { EXPERIMENT_LIST } from '../../experiments/registry';
import { formatRoute, parseRoute, type Route } from './route';

const SECTIONS = EXPERIMENT_LIST.map((e) => e.id);

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

const snapshot = () => window.location.hash;

/**
 * The current route, and `navigate(route, replace)`: a new history entry for a change of view,
 * `replace` for settings (so Back leaves the lab instead of undoing each toggle).
 */
export function useRoute(): [Route, (route: Route, replace?: boolean) => void] {
  const hash = useSyncExternalStore(subscribe, snapshot, snapshot);
  const route = parseRoute(hash, SECTIONS);
  const navigate = useCallback((next: Route, replace = false) => {
    const target = formatRoute(next);
    if (target === window.location.hash) return;
    if (replace) {
      window.history.replaceState(null, '', target);
      // replaceState fires no event: tell the subscribers ourselves.
      window.dispatchEvent(new PopStateEvent('popstate'));
    } else {
      window.location.hash = target;
    }
  }, []);
  return [route, navigate];
}
