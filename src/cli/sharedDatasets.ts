/** The datasets the CLI's workers train on: each read once, in memory every worker shares. */
import { existsSync, readFileSync } from 'node:fs';
import { DATASET_INFO, type DatasetId } from '../shared/datasets';
import { ENCODE_DATASET } from './datasetPackages';

/** Each dataset's binary in a SharedArrayBuffer, by id. */
export type SharedDatasets = Partial<Record<DatasetId, SharedArrayBuffer>>;

/** The file `npm install` writes (scripts/prepare-data.ts), found from this file, not the cwd. */
const fileOf = (id: DatasetId) => new URL(`../../public/${DATASET_INFO[id].file}`, import.meta.url);

/** The binaries of `ids`, shared: the shipped file, else converted from the package. */
export function loadDatasetsShared(ids: readonly DatasetId[]): SharedDatasets {
  const out: SharedDatasets = {};
  for (const id of ids) {
    const file = fileOf(id);
    const bytes = existsSync(file) ? readFileSync(file) : ENCODE_DATASET[id]();
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    out[id] = shared;
  }
  return out;
}
