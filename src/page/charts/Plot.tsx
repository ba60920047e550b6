/**
 * The recharts part of a metric chart: axes, grid, the lines and bands as SVG paths, and the plot
 * area reported to the readout. Memoized apart from the readout so that hovering never redraws it.
 */
import { memo, useEffect, useMemo } from 'react';
import { CartesianGrid, ComposedChart, XAxis, YAxis, usePlotArea } from 'recharts';
import { axisTick } from './AxisTick';
import type { PlotRect } from './ChartReadout';
import type { BandPoint, Point } from './downsample';
import { SeriesPaths, type BandFill, type LineStroke } from './SeriesPaths';
import { X_AXIS_HEIGHT, XAxisTitle } from './XAxisTitle';
import type { ChartBand, ChartLine } from './types';

/** Dash pattern of dashed lines, pixels on / off. */
export const DASH = '7 4';
/** Dash pattern of reference lines: finer than DASH, so a dashed live line stays distinct. */
const REFERENCE_DASH = '2 3';
const DEFAULT_LINE_WIDTH = 2;
/** Stroke width and opacity of a reference line unless it says otherwise. */
const REFERENCE_LINE_WIDTH = 1.5;
const REFERENCE_OPACITY = 0.6;
/** Fill opacity of a band unless it says otherwise. */
export const DEFAULT_BAND_OPACITY = 0.18;
/** Stroke width and opacity of the raw line behind a smoothed one. */
const RAW_LINE_WIDTH = 1;
const RAW_OPACITY = 0.3;
/**
 * Around the plot, CSS px. On the right, half the widest x label ("12000", "1:05:00"): the last
 * tick's label is centred on the plot's edge (every tick is labelled, none moved to fit).
 */
const MARGIN = { top: 8, right: 24, bottom: 24, left: 4 };
const Y_AXIS_WIDTH = 48;
/** Least vertical room per y tick label, CSS pixels (labels are one 12 px line). */
const MIN_Y_TICK_GAP = 28;

/** Most y ticks on any chart, however tall (more is clutter, not precision). */
const MAX_Y_TICKS = 6;

/** How many y ticks fit a chart `height` CSS pixels tall without crowding their labels. */
export const yTicksFor = (height: number) =>
  Math.min(
    MAX_Y_TICKS,
    Math.floor((height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT) / MIN_Y_TICK_GAP) + 1,
  );

/** Least horizontal room per x tick label, CSS pixels (a step such as "12000" or a time "1:05:00"). */
const MIN_X_TICK_GAP = 64;
/** Most x ticks on any chart, however wide. */
const MAX_X_TICKS = 8;

/**
 * How many x ticks fit a chart `width` CSS pixels wide without crowding their labels: every tick
 * given is then labelled, so recharts never measures label text to thin them (a DOM measurement
 * per tick, twice with the grid, that forced layouts while runs streamed).
 */
export const xTicksFor = (width: number) =>
  Math.max(
    2,
    Math.min(
      MAX_X_TICKS,
      Math.floor((width - MARGIN.left - MARGIN.right - Y_AXIS_WIDTH) / MIN_X_TICK_GAP) + 1,
    ),
  );

/** How a line is stroked: its dash pattern (if any), width and opacity. */
export function strokeOf(line: ChartLine): {
  dash: string | undefined;
  width: number;
  opacity: number;
} {
  if (line.reference) {
    return {
      dash: REFERENCE_DASH,
      width: line.width ?? REFERENCE_LINE_WIDTH,
      opacity: line.opacity ?? REFERENCE_OPACITY,
    };
  }
  return {
    dash: line.dashed ? DASH : undefined,
    width: line.width ?? DEFAULT_LINE_WIDTH,
    opacity: line.opacity ?? 1,
  };
}

/** Reports recharts' plot area (inside the chart's SVG) whenever it changes. */
function PlotAreaProbe({ onChange }: { onChange: (rect: PlotRect) => void }) {
  const area = usePlotArea();
  const x = area?.x;
  const y = area?.y;
  const width = area?.width;
  const height = area?.height;
  useEffect(() => {
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined) {
      onChange({ x, y, width, height });
    }
  }, [x, y, width, height, onChange]);
  return null;
}

export interface YAxisSetup {
  scale: 'linear' | 'log';
  domain: [number, number];
  ticks: number[] | undefined;
  allowDataOverflow: boolean;
}

/** The recharts part, memoized apart from the readout so that hovering never redraws the lines. */
export const Plot = memo(function Plot({
  width,
  height,
  lines,
  linePoints,
  rawLines,
  rawPoints,
  bands,
  bandPoints,
  xDomain,
  xTicks,
  yAxis,
  xLabel,
  formatX,
  formatY,
  onPlotArea,
}: {
  width: number;
  height: number;
  lines: ChartLine[];
  linePoints: Point[][];
  rawLines: ChartLine[];
  rawPoints: Point[][];
  bands: ChartBand[];
  bandPoints: BandPoint[][];
  xDomain: [number, number];
  /** Round ticks inside xDomain. */
  xTicks: number[];
  yAxis: YAxisSetup;
  xLabel: string;
  formatX: ((v: number) => string) | undefined;
  formatY: (v: number) => string;
  onPlotArea: (rect: PlotRect) => void;
}) {
  // Raw lines first, so that their smoothed lines are drawn over them.
  const strokes = useMemo(
    (): LineStroke[] => [
      ...rawLines.map((line) => ({
        id: line.id,
        color: line.color,
        reference: false,
        raw: true,
        dash: undefined,
        width: RAW_LINE_WIDTH,
        opacity: RAW_OPACITY,
      })),
      ...lines.map((line) => ({
        id: line.id,
        color: line.color,
        reference: line.reference === true,
        raw: false,
        ...strokeOf(line),
      })),
    ],
    [lines, rawLines],
  );
  const strokePoints = useMemo(() => [...rawPoints, ...linePoints], [rawPoints, linePoints]);
  const fills = useMemo(
    (): BandFill[] =>
      bands.map((band) => ({
        id: band.id,
        color: band.color,
        opacity: band.opacity ?? DEFAULT_BAND_OPACITY,
      })),
    [bands],
  );
  // The grid and axes as elements kept while their settings hold: a batch of new points then
  // re-renders the lines only, not recharts' axes (tick layout, number formatting, text measuring).
  const grid = useMemo(() => <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />, []);
  const xAxis = useMemo(
    () => (
      <XAxis
        type="number"
        // Our ticks are given: recharts' own "nice" ticks (decimal.js, 5-15 ms a render) go unused.
        niceTicks="none"
        tick={axisTick}
        dataKey="x"
        domain={xDomain}
        ticks={xTicks}
        // Every tick given is labelled: they are spaced to fit (xTicksFor).
        interval={0}
        allowDataOverflow
        stroke="var(--muted)"
        tickFormatter={formatX}
      />
    ),
    [xDomain, xTicks, formatX],
  );
  const yAxisElement = useMemo(
    () => (
      <YAxis
        type="number"
        // Our ticks are given: recharts' own "nice" ticks (decimal.js, 5-15 ms a render) go unused.
        niceTicks="none"
        tick={axisTick}
        scale={yAxis.scale}
        domain={yAxis.domain}
        ticks={yAxis.ticks}
        // Every tick given is labelled: they are spaced to fit (yTicksFor), and recharts' own
        // thinning drops the top one, leaving uneven labels such as 0, 1, 2, 4.
        interval={yAxis.ticks ? 0 : 'preserveEnd'}
        allowDataOverflow={yAxis.allowDataOverflow}
        stroke="var(--muted)"
        tickFormatter={formatY}
        width={Y_AXIS_WIDTH}
      />
    ),
    [yAxis, formatY],
  );
  const xTitle = useMemo(() => <XAxisTitle text={xLabel} />, [xLabel]);
  const probe = useMemo(() => <PlotAreaProbe onChange={onPlotArea} />, [onPlotArea]);
  return (
    <ComposedChart
      width={width}
      height={height}
      margin={MARGIN}
      // The chart body takes the keyboard (the readout); no second tab stop inside it.
      accessibilityLayer={false}
    >
      {grid}
      {xAxis}
      {xTitle}
      {yAxisElement}
      <SeriesPaths
        lines={strokes}
        linePoints={strokePoints}
        bands={fills}
        bandPoints={bandPoints}
      />
      {probe}
    </ComposedChart>
  );
});
