/** A dataset's binary, fetched once by the page and handed to every training worker. */
import type { DatasetBytes } from '../../shared/workerProtocol';
import { errorMessage } from '../../shared/errorMessage';

/**
 * Fetch a dataset's binary (`label` names it in messages); rejects with a message saying what
 * failed and what to run.
 */
export async function fetchDataset(url: string, label: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`could not load the ${label} images from ${url} (${errorMessage(error)})`);
  }
  if (!response.ok) {
    throw new Error(
      `could not load the ${label} images from ${url} (HTTP ${response.status}); run "npm run prepare-data"`,
    );
  }
  return response.arrayBuffer();
}

/**
 * How the workers get the bytes. Where the page is cross-origin isolated, one SharedArrayBuffer
 * that every worker reads (no copy per worker); elsewhere SharedArrayBuffer cannot be posted, so
 * each worker is sent its own copy (transferred, so the page does not keep it twice).
 */
export interface BytesHandout {
  /** True when every worker reads the same memory. */
  shared: boolean;
  /** The bytes for one more worker, and what to transfer with them. */
  next(): { data: DatasetBytes; transfer: Transferable[] };
}

export function handOutBytes(bytes: ArrayBuffer, canShare: boolean): BytesHandout {
  if (canShare) {
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(new Uint8Array(bytes));
    return { shared: true, next: () => ({ data: shared, transfer: [] }) };
  }
  return {
    shared: false,
    next() {
      const copy = bytes.slice(0);
      return { data: copy, transfer: [copy] };
    },
  };
}
