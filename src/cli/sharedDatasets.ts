/** The datasets the CLI's workers train on: each read once, in memory every worker shares. */
import { existsSync, readFileSync } from 'node:fs';
import {
  DATASET_INFO,
  datasetLabel,
  isShipped,
  SHIPPED_DATASETS,
  type DatasetId,
  type ShippedDatasetId,
} from '../shared/datasets';
import { UsageError } from './errors';
import { ENCODE_DATASET } from './datasetPackages';

/** Each dataset's binary in a SharedArrayBuffer, by id. */
export type SharedDatasets = Partial<Record<ShippedDatasetId, SharedArrayBuffer>>;

/** The file `npm install` writes (scripts/prepare-data.ts), found from this file, not the cwd. */
const fileOf = (id: ShippedDatasetId) =>
  new URL(`../../public/${DATASET_INFO[id].file}`, import.meta.url);

/**
 * The binaries of `ids`, shared: the shipped file, else converted from the package. A dataset
 * imported in a browser is not here: a UsageError says so.
 */
export function loadDatasetsShared(ids: readonly DatasetId[]): SharedDatasets {
  const out: SharedDatasets = {};
  for (const id of ids) {
    if (!isShipped(id)) {
      throw new UsageError(
        `${datasetLabel(id)} was imported in a browser and lives there only; the command line trains on ${SHIPPED_DATASETS.join(' or ')}`,
      );
    }
    const file = fileOf(id);
    const bytes = existsSync(file) ? readFileSync(file) : ENCODE_DATASET[id]();
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    out[id] = shared;
  }
  return out;
}
