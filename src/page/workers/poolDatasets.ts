/**
 * The datasets' bytes as the pool holds them: the default one fetched at start-up, any other on
 * the first run that needs it, each fetched once per page and handed to a worker before the first
 * run it trains on it.
 */
import {
  datasetLabel,
  datasetsOf,
  isShipped,
  type DatasetId,
  type ShippedDatasetId,
} from '../../shared/datasets';
import { errorMessage } from '../../shared/errorMessage';
import type { Command, RunHandout } from '../../shared/workerProtocol';

/** The page's commands about its datasets. */
type DatasetCommand = Extract<Command, { type: 'registerDataset' | 'forgetDataset' }>;
import { handOutBytes, type BytesHandout } from './datasetFiles';
import type { Member } from './poolMembers';

export class PoolDatasets {
  /** Where each shipped dataset's binary is fetched from (set when the pool starts). */
  urls: Record<ShippedDatasetId, string> | null = null;
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

  /** The datasets `runs` train on whose bytes are not here yet. */
  missing(runs: readonly RunHandout[]): DatasetId[] {
    return datasetsOf(runs.map((r) => r.config)).filter((id) => !this.has(id));
  }

  /** A dataset imported in the page (its bytes kept), or deleted there (its bytes let go). */
  take(command: DatasetCommand, members: readonly Member[]): void {
    if (command.type === 'registerDataset') this.replace(command.dataset, command.data, members);
    else this.forget(command.dataset, members);
  }

  /** New bytes under a known name (a dataset imported again): every worker is sent them afresh. */
  private replace(id: DatasetId, bytes: ArrayBuffer, members: readonly Member[]): void {
    this.put(id, bytes);
    for (const m of members) m.datasets.delete(id);
  }

  /** Let `id`'s bytes go, here and in every worker that holds them (a deleted local dataset). */
  private forget(id: DatasetId, members: readonly Member[]): void {
    this.handouts.delete(id);
    for (const m of members) {
      if (m.datasets.delete(id)) m.port.post({ type: 'forgetDataset', dataset: id });
    }
  }

  /**
   * Fetch each of `ids` not here yet; the reason for each that cannot be had (a local dataset is
   * never fetched: it is here, registered by the page, or it is not in this browser).
   */
  async fetchMissing(ids: readonly DatasetId[]): Promise<Map<DatasetId, string>> {
    const failed = new Map<DatasetId, string>();
    for (const id of ids) {
      if (this.has(id)) continue;
      try {
        if (!isShipped(id)) {
          throw new Error(
            `${datasetLabel(id)} is not stored in this browser (import it in the lab’s “Your datasets”)`,
          );
        }
        const url = this.urls?.[id];
        if (!url) throw new Error(`no address for the ${datasetLabel(id)} images`);
        await this.load(id, url);
      } catch (error) {
        failed.set(id, errorMessage(error));
      }
    }
    return failed;
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
