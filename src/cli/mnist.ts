/** The MNIST digits for the workers: read once, in memory every worker shares. */
import { existsSync, readFileSync } from 'node:fs';
import { encodeMnist } from '../engine/data/mnistBinary';

/** The file `npm install` writes (scripts/prepare-mnist.ts), found from this file, not the cwd. */
const MNIST_FILE = new URL('../../public/data/mnist-10k.bin', import.meta.url);

/** The MNIST binary in a SharedArrayBuffer: the shipped file, else converted from the package. */
export async function loadMnistShared(): Promise<SharedArrayBuffer> {
  let bytes: Uint8Array;
  if (existsSync(MNIST_FILE)) {
    bytes = readFileSync(MNIST_FILE);
  } else {
    const { readMnistPackage } = await import('../../scripts/prepare-mnist');
    const { labels, pixels } = readMnistPackage();
    bytes = encodeMnist({ count: labels.length, rows: 28, cols: 28, classes: 10, labels, pixels });
  }
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}
