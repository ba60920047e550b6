/**
 * The datasets' bytes as the pool holds them: the default one fetched at start-up, any other on
 * the first run that needs it, each fetched once per page and handed to a worker before the first
 * run it trains on it.
 */
import { datasetLabel, type DatasetId } from '../../shared/datasets';
import type { RunHandout } from '../../shared/workerProtocol';
import { handOutBytes, type BytesHandout } from './datasetFiles';
import type { Member } from './poolMembers';

export class PoolDatasets {
  private readonly handouts = new Map<DatasetId, BytesHandout>();
  private readonly loading = new Map<DatasetId, Promise<void>>();

  constructor(
    private readonly fetchBytes: (url: string, label: string) => Promise<ArrayBuffer>,
    private readonly canShare: boolean,
  ) {}

  /** Whether `id`'s bytes are here. */
  has(id: DatasetId): boolean {
    return this.handouts.has(id);
  }

  /** Whether the workers read one shared copy (else each gets its own). */
  get shared(): boolean {
    return this.canShare;
  }

  /** Keep bytes fetched for `id`. */
  put(id: DatasetId, bytes: ArrayBuffer): void {
    this.handouts.set(id, handOutBytes(bytes, this.canShare));
  }

  /** The bytes of `id` for one more worker; throws when they are not here. */
  next(id: DatasetId) {
    const handout = this.handouts.get(id);
    if (!handout) throw new Error(`the ${datasetLabel(id)} images are not loaded`);
    return handout.next();
  }

  /** Fetch `id` from `url` unless it is here or on its way; rejects with the fetch's message. */
  load(id: DatasetId, url: string): Promise<void> {
    if (this.handouts.has(id)) return Promise.resolve();
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.fetchBytes(url, datasetLabel(id)).then(
        (bytes) => {
          this.put(id, bytes);
          this.loading.delete(id);
        },
        (error: unknown) => {
          // A later run may try again (the file may have been written meanwhile).
          this.loading.delete(id);
          throw error;
        },
      );
      this.loading.set(id, loading);
    }
    return loading;
  }

  /** Send `member` every dataset `runs` train on that it does not hold yet. */
  supply(member: Member, runs: readonly RunHandout[]): void {
    for (const { config } of runs) {
      if (member.datasets.has(config.dataset)) continue;
      const { data, transfer } = this.next(config.dataset);
      member.port.post({ type: 'addDataset', dataset: config.dataset, data }, transfer);
      member.datasets.add(config.dataset);
    }
  }
}
