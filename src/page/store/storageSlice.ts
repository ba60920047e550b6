import type { StateCreator } from 'zustand';
import type { LabState } from './labState';

/** Whether runs are kept across reloads, and how much of the browser's storage they use. */
export interface StorageSlice {
  /** 'starting' until the stored runs are read; 'off' when the browser's storage is unavailable. */
  storage: 'starting' | 'on' | 'off';
  /** Bytes the site stores and may store (navigator.storage.estimate), when the browser says. */
  storageUsage: number | null;
  storageQuota: number | null;
  setStorage(
    change: Partial<Pick<StorageSlice, 'storage' | 'storageUsage' | 'storageQuota'>>,
  ): void;
}

export const createStorageSlice: StateCreator<LabState, [], [], StorageSlice> = (set) => ({
  storage: 'starting',
  storageUsage: null,
  storageQuota: null,
  setStorage: (change) => set(change),
});
