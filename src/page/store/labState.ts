import type { BackendSlice } from './backendSlice';
import type { DatasetsSlice } from './datasetsSlice';
import type { EditorSlice } from './editorSlice';
import type { OtherTabsSlice } from './otherTabsSlice';
import type { PaceSlice } from './paceSlice';
import type { LaunchSlice } from './launchSlice';
import type { NoticesSlice } from './noticesSlice';
import type { RunsSlice } from './runsSlice';
import type { SeriesSlice } from './seriesSlice';
import type { StorageSlice } from './storageSlice';

/** The whole store: one object built from slices. */
export type LabState = BackendSlice &
  RunsSlice &
  LaunchSlice &
  NoticesSlice &
  SeriesSlice &
  EditorSlice &
  StorageSlice &
  PaceSlice &
  OtherTabsSlice &
  DatasetsSlice;
