/**
 * Datasets imported or deleted in another tab: each one named is read from IndexedDB; there, it is
 * listed and handed to this tab's workers (a new import, or one imported again), gone, it leaves
 * this tab's list.
 */
import type { StoreApi } from 'zustand/vanilla';
import { isDatasetId, isShipped, type LocalDatasetId } from '../../../shared/datasets';
import type { LabState } from '../labState';
import type { LabDatabase } from './db';

export async function takeDatasets(
  store: StoreApi<LabState>,
  db: LabDatabase,
  ids: readonly string[],
): Promise<void> {
  const local = ids.filter((id): id is LocalDatasetId => isDatasetId(id) && !isShipped(id));
  const records = await db.datasets.bulkGet(local);
  const { addStoredDatasets, datasetDeletedElsewhere } = store.getState();
  addStoredDatasets(records.flatMap((r) => (r ? [r] : [])));
  local.forEach((id, i) => {
    if (!records[i]) datasetDeletedElsewhere(id);
  });
}
