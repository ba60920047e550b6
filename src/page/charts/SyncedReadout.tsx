/**
 * A chart's readout, subscribed to its readout store on its own: moving the readout re-renders
 * this component alone, never the chart or its plot.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { ChartReadout, type PlotRect } from './ChartReadout';
import { readoutAt } from './readout';
import type { ReadoutStore } from './readoutSync';
import type { ChartLine } from './types';

export function SyncedReadout({
  store,
  chartId,
  lines,
  plot,
  xDomain,
  chartWidth,
  xLabel,
  formatX,
  formatY,
}: {
  store: ReadoutStore;
  /** This chart's id: its own readout is announced, a readout set by another chart is not. */
  chartId: string;
  lines: readonly ChartLine[];
  plot: PlotRect;
  xDomain: readonly [number, number];
  chartWidth: number;
  xLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
}) {
  const position = useSyncExternalStore(store.subscribe, store.get);
  const x = position?.x;
  const rows = useMemo(() => (x === undefined ? [] : readoutAt(lines, x)), [lines, x]);
  if (!position) return null;
  const [x0, x1] = xDomain;
  // The cursor's pixel in the chart body, clamped to the plot area.
  const left = plot.x + ((Math.min(Math.max(position.x, x0), x1) - x0) / (x1 - x0)) * plot.width;
  return (
    <ChartReadout
      x={position.x}
      left={left}
      plot={plot}
      chartWidth={chartWidth}
      rows={rows}
      xLabel={xLabel}
      formatX={formatX}
      formatY={formatY}
      live={position.source === chartId}
    />
  );
}
