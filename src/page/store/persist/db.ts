/**
 * The IndexedDB database that keeps runs across reloads (Dexie). Series are stored as appended
 * chunks of typed arrays (IndexedDB stores typed arrays as such), so saving never rewrites old points.
 *
 * Versions: 1 = runs + chunks; 2 = each run also records the bytes its chunks take (for the storage
 * display), computed from the chunks on upgrade; 3 = each run's latest checkpoint, to resume it;
 * 4 = datasets imported in this browser (their binaries).
 * A later release adds a version and its upgrade here.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import type { TrainerCheckpoint } from '../../../shared/checkpoint';
import type { SeriesChunk } from '../../../shared/runStatus';
import type { RunView } from '../runView';
import type { LocalDatasetFile } from '../localDatasets';

/** Name of the app's database. */
export const DB_NAME = 'bnlab';

/** A run as stored: its view minus what only makes sense live (speed). */
export interface StoredRun extends Omit<RunView, 'stepsPerSecond' | 'msPerStep'> {
  /** Position in the run list (creation order). */
  order: number;
  /** Bytes of the run's stored points (version 2). */
  bytes: number;
}

/** Points appended to one series in one save. */
export interface StoredChunk extends SeriesChunk {
  /** Auto-increment: chunks of a series read back in the order they were written. */
  key?: number;
}

/** Bytes a chunk's arrays take. */
export const chunkBytes = (c: Pick<StoredChunk, 'steps' | 'times' | 'values'>) =>
  c.steps.byteLength + c.times.byteLength + c.values.byteLength;

/** A run's latest checkpoint. */
export interface StoredCheckpoint {
  runId: string;
  checkpoint: TrainerCheckpoint;
}

export class LabDatabase extends Dexie {
  runs!: Table<StoredRun, string>;
  chunks!: Table<StoredChunk, number>;
  checkpoints!: Table<StoredCheckpoint, string>;
  datasets!: Table<LocalDatasetFile, string>;

  /** `options` lets tests hand in an IndexedDB stand-in (fake-indexeddb). */
  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ runs: 'id, order', chunks: '++key, runId' });
    this.version(2)
      .stores({ runs: 'id, order', chunks: '++key, runId' })
      .upgrade(async (tx) => {
        const bytes = new Map<string, number>();
        await tx
          .table<StoredChunk, number>('chunks')
          .each((c) => bytes.set(c.runId, (bytes.get(c.runId) ?? 0) + chunkBytes(c)));
        await tx
          .table<StoredRun, string>('runs')
          .toCollection()
          .modify((run) => {
            run.bytes = bytes.get(run.id) ?? 0;
          });
      });
    this.version(3).stores({ runs: 'id, order', chunks: '++key, runId', checkpoints: 'runId' });
    this.version(4).stores({
      runs: 'id, order',
      chunks: '++key, runId',
      checkpoints: 'runId',
      datasets: 'id',
    });
  }
}
