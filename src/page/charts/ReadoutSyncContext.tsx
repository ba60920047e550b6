/**
 * Synchronized readouts: charts inside one ReadoutSyncProvider share their readout's x, so hovering
 * (or reading with the keyboard) one of them moves the readout of all to the same x. A chart outside
 * any provider keeps a readout of its own.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createReadoutStore, type ReadoutStore } from './readoutSync';

const ReadoutSyncContext = createContext<ReadoutStore | null>(null);

/**
 * Shares one readout among the charts inside. The readout is hidden whenever `scope` changes (an x
 * read on one axis, steps say, means nothing on another, wall time).
 */
export function ReadoutSyncProvider({ scope, children }: { scope: string; children: ReactNode }) {
  const [store] = useState(createReadoutStore);
  useEffect(() => store.set(undefined), [scope, store]);
  return <ReadoutSyncContext.Provider value={store}>{children}</ReadoutSyncContext.Provider>;
}

/** The readout store of the enclosing provider, or one of this chart's own. */
export function useReadoutStore(): ReadoutStore {
  const shared = useContext(ReadoutSyncContext);
  const [own] = useState(createReadoutStore);
  return shared ?? own;
}
