/** Runs as the exchange format's writers take them: the store's run views with their series. */
import type { RunForExport } from '../../shared/exchange';
import type { SeriesLike } from '../../shared/seriesPoints';
import type { MetricId } from '../../shared/metrics';
import type { LabState } from './labState';

/** The runs `ids` (in that order; unknown ids skipped) with every series they recorded. */
export function runsForExport(
  state: Pick<LabState, 'runs' | 'series'>,
  ids: readonly string[],
): RunForExport[] {
  return ids.flatMap((id): RunForExport[] => {
    const run = state.runs[id];
    if (!run) return [];
    const series: Partial<Record<MetricId, SeriesLike>> = {};
    for (const [metric, one] of Object.entries(state.series[id] ?? {}) as [
      MetricId,
      SeriesLike | undefined,
    ][]) {
      if (one) series[metric] = one;
    }
    return [
      {
        id: run.id,
        label: run.label,
        config: run.config,
        status: run.status,
        message: run.message,
        step: run.step,
        backend: run.backend,
        experimentId: run.experimentId,
        group: run.group,
        style: { color: run.style.color, dashed: run.style.dashed },
        series,
      },
    ];
  });
}

/** Ids of the runs the lab draws (visible), in the run list's order. */
export function visibleRunIds(state: Pick<LabState, 'runs' | 'runOrder'>): string[] {
  return state.runOrder.filter((id) => state.runs[id]?.visible);
}
