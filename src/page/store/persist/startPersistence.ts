/**
 * At page start: read the stored runs into the store, then keep saving. When the browser's storage
 * is unavailable (blocked, private mode), the app works as before and says runs will not be kept.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from '../labState';
import { LabDatabase } from './db';
import { loadRuns } from './loadRuns';
import { followOtherTabs } from './followTabs';
import { persistRuns, type Persister } from './persistRuns';
import type { TabLink } from './tabLink';
import { errorMessage } from '../../../shared/errorMessage';

/** How the page learns about storage use (navigator.storage.estimate where it exists). */
export type EstimateStorage = () => Promise<{ usage?: number; quota?: number } | null>;

export const browserEstimate: EstimateStorage = async () =>
  typeof navigator !== 'undefined' && navigator.storage?.estimate
    ? navigator.storage.estimate()
    : null;

export async function startPersistence(
  store: StoreApi<LabState>,
  open: () => LabDatabase = () => new LabDatabase(),
  estimate: EstimateStorage = browserEstimate,
  /** How this tab hears of the others (null: it does not). */
  link: TabLink | null = null,
): Promise<Persister | null> {
  const { notify, setStorage, addStoredRuns } = store.getState();
  const refreshEstimate = async () => {
    const e = await estimate().catch(() => null);
    if (e) setStorage({ storageUsage: e.usage ?? null, storageQuota: e.quota ?? null });
  };
  let db: LabDatabase;
  try {
    db = open();
    await db.open();
    // Datasets first: a resumed run may train on one.
    // The other tabs hear of each import and deletion (and read the dataset from IndexedDB).
    const announce = (id: string) =>
      link?.post({ saved: [], deleted: [], rewritten: [], datasets: [id] });
    store.getState().setDatasetStorage({
      save: async (dataset) => {
        await db.datasets.put(dataset);
        announce(dataset.id);
      },
      remove: async (id) => {
        await db.datasets.delete(id);
        announce(id);
      },
    });
    store.getState().addStoredDatasets(await db.datasets.toArray());
    const loaded = await loadRuns(db);
    addStoredRuns(loaded.runs, loaded.series, loaded.checkpoints);
    const persister = persistRuns(store, db, {
      onError: notify,
      known: loaded,
      afterWrite: () => void refreshEstimate(),
      ...(link ? { onSaved: (change) => link.post(change) } : {}),
    });
    if (link) {
      followOtherTabs(store, db, persister, link, loaded.lastChunkKey, notify);
      store.getState().setClaimRun((id) => link.claim(id));
    }
    setStorage({ storage: 'on' });
    void refreshEstimate();
    return persister;
  } catch (error) {
    store.getState().setDatasetStorage(null);
    setStorage({ storage: 'off' });
    notify(
      `Runs will not be kept after a reload: the browser’s storage is unavailable (${errorMessage(
        error,
      )}).`,
    );
    return null;
  }
}
