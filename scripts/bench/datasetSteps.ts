/**
 * The step on each shipped dataset (Node, wasm): the benchmark's cases trained on real images,
 * each step gathering a new batch from the run's split, as the app does. The network and its
 * kernels are the same on every dataset; this shows what the images themselves change. Then the
 * same on random images of the input shapes an import can make (another side, colour): what a
 * larger or colour input costs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { decodeMnist } from '../../src/shared/imageBinary.ts';
import { splitIndices } from '../../src/engine/data/split.ts';
import { BENCH_CASES, benchConfig, type BenchCell } from '../../src/bench/benchCases.ts';
import { syntheticImages, timeTrainingSteps } from '../../src/bench/timeSteps.ts';
import type { ImageDataset } from '../../src/shared/imageBinary.ts';
import {
  DATASET_INFO,
  SHIPPED_DATASETS,
  type ShippedDatasetId,
} from '../../src/shared/datasets.ts';
import { datasetOutput } from '../prepare-data.ts';

export interface DatasetRow {
  /** The dataset, or the input shape of random images ("32×32 colour"). */
  label: string;
  cells: BenchCell[];
}

/** Input shapes an import can make, timed on random images: side (pixels) and channels. */
const IMPORT_SHAPES = [
  { side: 16, channels: 1 },
  { side: 32, channels: 3 },
  { side: 64, channels: 3 },
] as const;
/** Random images per input shape (the default split's 8,000 + 2,000). */
const SYNTHETIC_COUNT = 10_000;

/** Every case on `data`, wasm in this process, a new batch of the run's split every step. */
async function casesOn(data: ImageDataset, dataset: ShippedDatasetId): Promise<BenchCell[]> {
  const cells: BenchCell[] = [];
  for (const c of BENCH_CASES) {
    const config = { ...benchConfig(c), dataset };
    const { trainSize, testSize, splitSeed } = config.data;
    const split = splitIndices(data.count, trainSize, testSize, splitSeed);
    const timing = await timeTrainingSteps(config, () => performance.now(), {}, { data, split });
    cells.push({ caseId: c.id, ...timing });
  }
  return cells;
}

/** Every case on every shipped dataset, then on random images of each import shape. */
export async function datasetRows(log: (line: string) => void): Promise<DatasetRow[]> {
  await tf.setBackend('wasm');
  const rows: DatasetRow[] = [];
  for (const dataset of SHIPPED_DATASETS) {
    const data = decodeMnist(new Uint8Array(readFileSync(datasetOutput(dataset))));
    rows.push({ label: DATASET_INFO[dataset].label, cells: await casesOn(data, dataset) });
    log(`bench: steps on ${dataset} done`);
  }
  for (const { side, channels } of IMPORT_SHAPES) {
    const shape = { rows: side, cols: side, channels, classes: 10 };
    const data = syntheticImages(SYNTHETIC_COUNT, side, shape);
    const label = `${side}×${side} ${channels === 3 ? 'colour' : 'grey'} (random images)`;
    // The config names MNIST only for its schema; the images are these.
    rows.push({ label, cells: await casesOn(data, 'mnist') });
    log(`bench: steps on ${label} done`);
  }
  return rows;
}

/** The table: a row per dataset, median/p90 ms per case. */
export function formatDatasetRows(rows: readonly DatasetRow[]): string[][] {
  return [
    ['images (node, wasm)', ...BENCH_CASES.map((c) => `${c.id} med/p90`)],
    ...rows.map((row) => [
      row.label,
      ...BENCH_CASES.map((c) => {
        const cell = row.cells.find((x) => x.caseId === c.id);
        return cell ? `${cell.medianMs.toFixed(1)}/${cell.p90Ms.toFixed(1)}` : '-';
      }),
    ]),
  ];
}
