/**
 * Opens what a shared link carries: one setup goes into the lab's editor (the user presses Start),
 * a set of runs waits in a banner that asks before training. The link's parameters are then taken
 * out of the address, so a reload does not apply them again.
 */
import { useEffect } from 'react';
import { useLab } from '../store/LabContext';
import type { Route } from './route';
import { decodeRunSet, decodeSetup } from './shareLink';

/** Where a link's setup says it came from, in the editor. */
const LINK_ORIGIN = 'a shared link';

export function useSharedLink(
  route: Route,
  navigate: (route: Route, replace?: boolean) => void,
): void {
  const loadEditor = useLab((s) => s.loadEditor);
  const notify = useLab((s) => s.notify);
  const setPendingRuns = useLab((s) => s.setPendingRuns);
  const hash = typeof window === 'undefined' ? '' : window.location.hash;

  useEffect(() => {
    if (route.view !== 'lab') return;
    const query = new URLSearchParams(hash.split('?', 2)[1] ?? '');
    const setup = decodeSetup(query);
    const runs = decodeRunSet(query);
    if (!setup && !runs) return;
    if (setup?.ok)
      loadEditor(setup.value.config, setup.value.label, setup.value.seeds, LINK_ORIGIN);
    else if (setup) notify(setup.message);
    if (runs?.ok) setPendingRuns(runs.value);
    else if (runs) notify(runs.message);
    // The settings stay in the address; the one-time payload goes.
    navigate(route, true);
  }, [hash, route, navigate, loadEditor, notify, setPendingRuns]);
}

/** The address of the lab opened with `param` (an encoded setup or run set). */
export function linkTo(param: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/lab?${param}`;
}
