import type { StateCreator } from 'zustand';
import type { MetricId } from '../../shared/metrics';
import type { LabState } from './labState';
import type { Series } from './series';

export interface SeriesSlice {
  /** Every run's points, by run id then metric. */
  series: Record<string, Partial<Record<MetricId, Series>>>;
}

export const createSeriesSlice: StateCreator<LabState, [], [], SeriesSlice> = () => ({
  series: {},
});
