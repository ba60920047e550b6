import { decodeMnist, type ImageDataset } from '../../engine/data/mnistBinary';

/** Fetch and decode the embedded MNIST digits; rejects with a message saying what failed. */
export async function fetchMnist(url: string): Promise<{ data: ImageDataset; bytes: number }> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(
      `could not load the MNIST digits from ${url} (HTTP ${response.status}); run "npm run prepare-data"`,
    );
  }
  const buffer = await response.arrayBuffer();
  return { data: decodeMnist(buffer), bytes: buffer.byteLength };
}
