/**
 * Datasets imported in this browser: read from a user's files, kept in IndexedDB, handed to the
 * training workers, chosen like the shipped ones, deleted when no unfinished run needs them.
 */
import type { StateCreator } from 'zustand';
import type { Command } from '../../shared/workerProtocol';
import type { LocalDatasetId } from '../../shared/datasets';
import { UNFINISHED_STATUSES } from '../../shared/runStatus';
import { errorMessage } from '../../shared/errorMessage';
import type { LabState } from './labState';
import type { InputShape } from '../../shared/imageSets/imageSet';
import {
  datasetNameProblem,
  listedDataset,
  readLocalDataset,
  type ImportFile,
  type LocalDataset,
  type LocalDatasetFile,
} from './localDatasets';

/** Where local datasets are kept (IndexedDB; none when the browser's storage is off). */
interface DatasetStorage {
  save(dataset: LocalDatasetFile): Promise<void>;
  remove(id: LocalDatasetId): Promise<void>;
}

export interface DatasetsSlice {
  localDatasets: LocalDataset[];
  /** An import is being read and checked. */
  importingDataset: boolean;
  /** Why the last import was refused (null after one that worked, or before any). */
  datasetImportProblem: string | null;
  datasetStorage: DatasetStorage | null;
  setDatasetStorage(storage: DatasetStorage | null): void;
  /** Datasets read back from storage at start: listed, and handed to the workers. */
  addStoredDatasets(datasets: readonly LocalDatasetFile[]): void;
  /**
   * Read `files` as a dataset named `name` whose images make input `shape`; true when it was
   * added (a notice says why not).
   */
  importDataset(name: string, files: readonly ImportFile[], shape?: InputShape): Promise<boolean>;
  /** Delete a local dataset (refused while an unfinished run trains on it). */
  deleteDataset(id: LocalDatasetId): Promise<void>;
  /**
   * Another tab deleted `id`: unlisted here; its images leave the workers unless an unfinished
   * run still trains on them.
   */
  datasetDeletedElsewhere(id: LocalDatasetId): void;
}

/** Whether an unfinished run (of this tab or another) trains on dataset `id`. */
const trainsOn = (state: LabState, id: LocalDatasetId) =>
  Object.values(state.runs).some(
    (r) => r.config.dataset === id && UNFINISHED_STATUSES.has(r.status),
  );

/** The list as the lab shows it: by name, the same before and after a reload. */
const byName = (datasets: LocalDataset[]) =>
  datasets.sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** A copy of the binary's bytes that can be sent to the workers. */
const bufferOf = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export const createDatasetsSlice =
  (send: (command: Command) => void): StateCreator<LabState, [], [], DatasetsSlice> =>
  (set, get) => ({
    localDatasets: [],
    importingDataset: false,
    datasetImportProblem: null,
    datasetStorage: null,
    setDatasetStorage: (datasetStorage) => set({ datasetStorage }),
    addStoredDatasets(stored) {
      const readable: LocalDataset[] = [];
      for (const d of stored) {
        try {
          readable.push(listedDataset(d));
        } catch (error) {
          // Left in storage as it is: nothing of it is lost, and a later version may read it.
          get().notify(
            `The stored dataset “${d.name}” is damaged and was left out: ${errorMessage(error)}.`,
          );
          continue;
        }
        send({ type: 'registerDataset', dataset: d.id, data: bufferOf(d.bytes) });
      }
      set((s) => ({
        localDatasets: byName([
          ...s.localDatasets.filter((l) => !readable.some((d) => d.id === l.id)),
          ...readable,
        ]),
      }));
    },
    async importDataset(name, files, shape) {
      const refuse = (problem: string) => {
        set({ datasetImportProblem: problem });
        get().notify(`The dataset was not imported: ${problem}.`);
        return false;
      };
      const trimmed = name.trim();
      const problem = datasetNameProblem(
        trimmed,
        get().localDatasets.map((d) => d.name),
      );
      if (problem) return refuse(problem);
      set({ importingDataset: true, datasetImportProblem: null });
      try {
        const read = await readLocalDataset(trimmed, files, shape);
        if (!read.ok) return refuse(read.message);
        const storage = get().datasetStorage;
        if (storage) {
          try {
            await storage.save(read.dataset);
          } catch (error) {
            return refuse(`the browser’s storage refused it (${errorMessage(error)})`);
          }
        } else {
          get().notify(
            `“${trimmed}” is kept for this visit only: the browser’s storage is unavailable.`,
          );
        }
        send({
          type: 'registerDataset',
          dataset: read.dataset.id,
          data: bufferOf(read.dataset.bytes),
        });
        // Another tab may have imported the same name meanwhile: this import replaces it.
        set((s) => ({
          localDatasets: byName([
            ...s.localDatasets.filter((d) => d.id !== read.dataset.id),
            listedDataset(read.dataset),
          ]),
        }));
        return true;
      } finally {
        set({ importingDataset: false });
      }
    },
    datasetDeletedElsewhere(id) {
      if (!get().localDatasets.some((d) => d.id === id)) return;
      if (!trainsOn(get(), id)) send({ type: 'forgetDataset', dataset: id });
      set((s) => ({ localDatasets: s.localDatasets.filter((d) => d.id !== id) }));
    },
    async deleteDataset(id) {
      const dataset = get().localDatasets.find((d) => d.id === id);
      if (!dataset) return;
      if (trainsOn(get(), id)) {
        get().notify(`Stop the runs on “${dataset.name}” before deleting it.`);
        return;
      }
      // An interrupted run resumes on its dataset: images imported later under the same name
      // would take their place unnoticed.
      const resumable = Object.values(get().runs).some(
        (r) => r.config.dataset === id && r.status === 'interrupted',
      );
      if (resumable) {
        get().notify(
          `Runs on “${dataset.name}” were interrupted and can resume: delete them, or resume them to the end, before deleting it.`,
        );
        return;
      }
      try {
        await get().datasetStorage?.remove(id);
      } catch (error) {
        get().notify(`“${dataset.name}” was not deleted: ${errorMessage(error)}.`);
        return;
      }
      // A run started while storage was deleting it keeps the images it was sent.
      if (!trainsOn(get(), id)) send({ type: 'forgetDataset', dataset: id });
      set((s) => ({ localDatasets: s.localDatasets.filter((d) => d.id !== id) }));
    },
  });
