import { imageBytes, type ImageDataset } from '../../shared/imageBinary';
import { Prng, shuffleInPlace } from '../random/prng';

/** Grey level that maps to 1.0 in the network's input. */
const MAX_GREY = 255;

/** A batch as flat arrays, ready to become tensors. */
export interface Batch {
  /** Number of examples. */
  size: number;
  /** size x rows x cols x channels pixel values in [0, 1]. */
  images: Float32Array;
  /** One class index per example. */
  labels: Int32Array;
}

/** Gather the images and labels at `indices` into a batch, scaling pixels to [0, 1]. */
export function gatherBatch(data: ImageDataset, indices: ArrayLike<number>): Batch {
  const imageSize = imageBytes(data);
  const images = new Float32Array(indices.length * imageSize);
  const labels = new Int32Array(indices.length);
  for (let b = 0; b < indices.length; b++) {
    const index = indices[b] as number;
    const offset = index * imageSize;
    for (let p = 0; p < imageSize; p++) {
      images[b * imageSize + p] = (data.pixels[offset + p] as number) / MAX_GREY;
    }
    labels[b] = data.labels[index] as number;
  }
  return { size: indices.length, images, labels };
}

/**
 * Draws training batches epoch by epoch: each epoch visits every training index once, in an order
 * reshuffled by the run's own generator. The cursor and order are its whole state.
 */
import type { SamplerState } from '../train/checkpoint';

export class BatchSampler {
  private order: Uint32Array;
  private cursor = 0;

  constructor(
    private readonly pool: Uint32Array,
    private readonly batchSize: number,
    private readonly rng: Prng,
  ) {
    if (batchSize < 1 || batchSize > pool.length) {
      throw new Error(`batch size ${batchSize} must be between 1 and ${pool.length}`);
    }
    this.order = pool.slice();
    shuffleInPlace(this.order, rng);
  }

  /** Where it is: the epoch's order, the position in it, the shuffling stream. */
  getState(): SamplerState {
    return { order: this.order.slice(), cursor: this.cursor, rng: this.rng.getState() };
  }

  /** Continue from a saved position (same pool and batch size). */
  setState(state: SamplerState): void {
    if (state.order.length !== this.pool.length) {
      throw new Error(
        `saved batch order has ${state.order.length} items; the pool has ${this.pool.length}`,
      );
    }
    this.order = state.order.slice();
    this.cursor = state.cursor;
    this.rng.setState(state.rng);
  }

  /** The dataset indices of the next batch. */
  next(): Uint32Array {
    if (this.cursor + this.batchSize > this.order.length) {
      this.order = this.pool.slice();
      shuffleInPlace(this.order, this.rng);
      this.cursor = 0;
    }
    const batch = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return batch;
  }
}
