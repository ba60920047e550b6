/** The reference files of a folder (public/references by default), read and validated, by id. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { References } from '../src/experiments/findings.ts';
import { DEFAULT_DATASET, type DatasetId } from '../src/shared/datasets.ts';
import { readReference } from '../src/shared/reference.ts';

/** Every `*.json` reference in `folder` on `dataset`; throws on the first invalid file. */
export function loadReferences(folder: string, dataset: DatasetId = DEFAULT_DATASET): References {
  const refs: References = {};
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const check = readReference(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    if (!check.ok) throw new Error(`${file}: ${check.error}`);
    // Each dataset has its own file per experiment; the others are not this dataset's.
    if (check.reference.settings.dataset === dataset) {
      refs[check.reference.experimentId] = check.reference;
    }
  }
  return refs;
}
