/** Gives components the store through React context, so tests can hand them their own. */
import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { LabState } from './labState';
import { shallowEqual } from './shallowEqual';

const LabContext = createContext<StoreApi<LabState> | null>(null);

export function LabProvider({
  store,
  children,
}: {
  store: StoreApi<LabState>;
  children: ReactNode;
}) {
  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}

/** Read a slice of the store; the component re-renders only when the selected value changes. */
export function useLab<T>(selector: (state: LabState) => T): T {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLab needs a <LabProvider> above it');
  return useStore(store, selector);
}

/**
 * Read a derived value of the store that is rebuilt on every change (a list of objects, say) but
 * kept, and so not re-rendered for, while `equal` finds it the same as the one returned last.
 */
export function useLabWith<T>(selector: (state: LabState) => T, equal: (a: T, b: T) => boolean): T {
  const last = useRef<{ value: T } | null>(null);
  return useLab((state) => {
    const next = selector(state);
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  });
}

/** Read a list or record built from the store, kept while its elements are the same ones. */
export function useLabShallow<T>(selector: (state: LabState) => T): T {
  return useLabWith(selector, shallowEqual);
}

/**
 * The store itself, for reading the current state in an event handler (an export, say) without
 * subscribing the component to state it does not draw.
 */
export function useLabStore(): StoreApi<LabState> {
  const store = useContext(LabContext);
  if (!store) throw new Error('useLabStore needs a <LabProvider> above it');
  return store;
}
