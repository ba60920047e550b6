/**
 * The step on each shipped dataset (Node, wasm): the benchmark's cases trained on real images,
 * each step gathering a new batch from the run's split, as the app does. The network and its
 * kernels are the same on every dataset; this shows what the images themselves change.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { decodeMnist } from '../../src/shared/imageBinary.ts';
import { splitIndices } from '../../src/engine/data/split.ts';
import { BENCH_CASES, benchConfig, type BenchCell } from '../../src/bench/benchCases.ts';
import { timeTrainingSteps } from '../../src/bench/timeSteps.ts';
import {
  DATASET_INFO,
  SHIPPED_DATASETS,
  type ShippedDatasetId,
} from '../../src/shared/datasets.ts';
import { datasetOutput } from '../prepare-data.ts';

export interface DatasetRow {
  dataset: ShippedDatasetId;
  cells: BenchCell[];
}

/** Every case on every dataset, wasm in this process. */
export async function datasetRows(log: (line: string) => void): Promise<DatasetRow[]> {
  await tf.setBackend('wasm');
  const rows: DatasetRow[] = [];
  for (const dataset of SHIPPED_DATASETS) {
    const data = decodeMnist(new Uint8Array(readFileSync(datasetOutput(dataset))));
    const cells: BenchCell[] = [];
    for (const c of BENCH_CASES) {
      const config = { ...benchConfig(c), dataset };
      const { trainSize, testSize, splitSeed } = config.data;
      const split = splitIndices(data.count, trainSize, testSize, splitSeed);
      const timing = await timeTrainingSteps(config, () => performance.now(), {}, { data, split });
      cells.push({ caseId: c.id, ...timing });
    }
    rows.push({ dataset, cells });
    log(`bench: steps on ${dataset} done`);
  }
  return rows;
}

/** The table: a row per dataset, median/p90 ms per case. */
export function formatDatasetRows(rows: readonly DatasetRow[]): string[][] {
  return [
    ['dataset (node, wasm, real images)', ...BENCH_CASES.map((c) => `${c.id} med/p90`)],
    ...rows.map((row) => [
      DATASET_INFO[row.dataset].label,
      ...BENCH_CASES.map((c) => {
        const cell = row.cells.find((x) => x.caseId === c.id);
        return cell ? `${cell.medianMs.toFixed(1)}/${cell.p90Ms.toFixed(1)}` : '-';
      }),
    ]),
  ];
}
