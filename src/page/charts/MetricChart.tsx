/**
 * One metric of several runs as lines over training steps (or wall time), with optional bands
 * under them, a linear or log y axis, and a hover readout of every line. Props only; knows nothing
 * of the store. Its title row holds an export menu (PNG, SVG, copy).
 */
import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { CartesianGrid, ComposedChart, XAxis, YAxis, usePlotArea } from 'recharts';
import { ChartDataTable } from './ChartDataTable';
import type { PlotRect } from './ChartReadout';
import { readableOn } from './contrast';
import { SeriesPaths, type BandFill, type LineStroke } from './SeriesPaths';
import type { BandPoint, Point } from './downsample';
import { ChartExportMenu } from './export/ChartExportMenu';
import { useRedrawTurn } from './redrawTurns';
import { LegendSwatch } from './LegendSwatch';
import {
  lastX,
  linearAxis,
  linearTicksWithin,
  logAxis,
  logTicksWithin,
  prepareBand,
  prepareLine,
} from './prepare';
import { endX, snapX, stepX } from './readout';
import { useReadoutStore } from './ReadoutSyncContext';
import { SyncedReadout } from './SyncedReadout';
import type { ChartBand, ChartLine, YScale } from './types';
import { useElementWidth } from './useElementWidth';
import { describeLines } from './textAlternative';
import { useSurfaceColor } from './useSurfaceColor';
import './charts.css';

export type { ChartBand, ChartLine, YScale } from './types';

export interface MetricChartProps {
  title: string;
  /** One sentence on what the metric is, shown under the title. */
  description?: string;
  lines: ChartLine[];
  /**
   * Unsmoothed values behind smoothed lines, drawn thin and faint under `lines` in their colours;
   * they have no legend entry, and the readout and the data table read `lines` only.
   */
  rawLines?: ChartLine[];
  /** Filled low-high areas drawn under the lines, in order (later ones on top). */
  bands?: ChartBand[];
  /** Fixed y range, or undefined to fit the data (a log axis uses it only if both ends are > 0). */
  yDomain?: [number, number];
  /** y axis mapping; 'log' hides values <= 0 and says how many, under the chart. Default linear. */
  yScale?: YScale;
  /** Right end of the x axis (e.g. the runs' step count), or undefined for the largest x drawn. */
  xMax?: number;
  /** Name of x on the axis and in the readout; default 'step'. */
  xLabel?: string;
  /** Formats x on the axis and in the readout (e.g. seconds of wall time). */
  formatX?: (value: number) => string;
  /** Chart height, CSS pixels. */
  height?: number;
  /** What the chart says before it has points (the view names its own start button). */
  emptyText?: string;
  /** Formats y values on the axis and in the readout. */
  formatY?: (value: number) => string;
  /**
   * Name of exported files, before slugging (e.g. "does-bn-work-lr-0.5-test-accuracy" gives
   * bnlab-does-bn-work-lr-0.5-test-accuracy-2025-01-31.png); default the title.
   */
  exportName?: string;
}

/** Dash pattern of dashed lines, pixels on / off. */
const DASH = '7 4';
/** Dash pattern of reference lines: finer than DASH, so a dashed live line stays distinct. */
const REFERENCE_DASH = '2 3';
const DEFAULT_HEIGHT = 240;
const DEFAULT_LINE_WIDTH = 2;
/** Stroke width and opacity of a reference line unless it says otherwise. */
const REFERENCE_LINE_WIDTH = 1.5;
const REFERENCE_OPACITY = 0.6;
const DEFAULT_BAND_OPACITY = 0.18;
/** Stroke width and opacity of the raw line behind a smoothed one. */
const RAW_LINE_WIDTH = 1;
const RAW_OPACITY = 0.3;
const MARGIN = { top: 8, right: 16, bottom: 24, left: 4 };
const Y_AXIS_WIDTH = 48;
/** recharts' default height of the x axis (ticks and their labels), CSS pixels. */
const X_AXIS_HEIGHT = 30;
/** Least vertical room per y tick label, CSS pixels (labels are one 12 px line). */
const MIN_Y_TICK_GAP = 28;

/** Most y ticks on any chart, however tall (more is clutter, not precision). */
const MAX_Y_TICKS = 6;

/** How many y ticks fit a chart `height` CSS pixels tall without crowding their labels. */
const yTicksFor = (height: number) =>
  Math.min(
    MAX_Y_TICKS,
    Math.floor((height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT) / MIN_Y_TICK_GAP) + 1,
  );
/** Shift+arrow moves the readout at least this fraction of the x range; an arrow, one pixel. */
const LARGE_STEP = 0.1;

/** Up to three significant digits without trailing zeros: 0.6, 2.31, 1500. */
const formatDefault = (v: number) => String(Number(v.toPrecision(3)));
/** Whole x (steps) exactly; others to four significant digits. */
const formatXDefault = (v: number) =>
  Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));

/** How a line is stroked: its dash pattern (if any), width and opacity. */
function strokeOf(line: ChartLine): { dash: string | undefined; width: number; opacity: number } {
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

/** The lines, each recoloured where needed to stand 3:1 against the surface (hue kept). */
function readableLines(lines: ChartLine[], surface: string): ChartLine[] {
  if (surface === '') return lines;
  return lines.map((line) => {
    const color = readableOn(line.color, surface);
    return color === line.color ? line : { ...line, color };
  });
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

interface YAxisSetup {
  scale: 'linear' | 'log';
  domain: [number, number];
  ticks: number[] | undefined;
  allowDataOverflow: boolean;
}

/** The recharts part, memoized apart from the readout so that hovering never redraws the lines. */
const Plot = memo(function Plot({
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
  return (
    <ComposedChart
      width={width}
      height={height}
      margin={MARGIN}
      // The chart body takes the keyboard (the readout); no second tab stop inside it.
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
      <XAxis
        type="number"
        dataKey="x"
        domain={xDomain}
        ticks={xTicks}
        allowDataOverflow
        stroke="var(--muted)"
        tickFormatter={formatX}
        label={{ value: xLabel, position: 'insideBottom', offset: -12, fill: 'var(--muted)' }}
      />
      <YAxis
        type="number"
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
      <SeriesPaths
        lines={strokes}
        linePoints={strokePoints}
        bands={fills}
        bandPoints={bandPoints}
      />
      <PlotAreaProbe onChange={onPlotArea} />
    </ComposedChart>
  );
});

const NO_BANDS: ChartBand[] = [];
const NO_LINES: ChartLine[] = [];

/** A metric chart that redraws in its turn when its props change (see redrawTurns). */
export const MetricChart = memo(function MetricChart(props: MetricChartProps) {
  return <MetricChartNow {...useRedrawTurn(props)} />;
});

const MetricChartNow = memo(function MetricChartNow({
  title,
  description,
  lines: givenLines,
  rawLines: givenRawLines = NO_LINES,
  bands = NO_BANDS,
  yDomain,
  yScale = 'linear',
  xMax,
  xLabel = 'step',
  formatX,
  height = DEFAULT_HEIGHT,
  emptyText = 'No points yet: press Train.',
  formatY = formatDefault,
  exportName,
}: MetricChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const figure = useRef<HTMLElement>(null);
  const captionId = useId();
  const summaryId = useId();
  // Each line at least 3:1 against the theme's surface (WCAG non-text contrast), hue kept.
  const surface = useSurfaceColor(figure);
  const lines = useMemo(() => readableLines(givenLines, surface), [givenLines, surface]);
  const rawLines = useMemo(() => readableLines(givenRawLines, surface), [givenRawLines, surface]);
  const legend = useMemo(
    () =>
      lines.map((line) => ({
        label: line.label,
        color: line.color,
        dashed: line.dashed || line.reference,
        opacity: strokeOf(line).opacity,
      })),
    [lines],
  );
  const summary = useMemo(
    () => describeLines(lines, xLabel, formatX ?? formatXDefault, formatY),
    [lines, xLabel, formatX, formatY],
  );
  const log = yScale === 'log';
  const threshold = Math.max(3, Math.round(width));

  // Downsampled once per data change (cached per array): nothing here is O(points) on a re-render.
  const preparedLines = useMemo(
    () => lines.map((line) => prepareLine(line, threshold, log)),
    [lines, threshold, log],
  );
  const preparedBands = useMemo(
    () => bands.map((band) => prepareBand(band, threshold, log)),
    [bands, threshold, log],
  );
  const preparedRaw = useMemo(
    () => rawLines.map((line) => prepareLine(line, threshold, log)),
    [rawLines, threshold, log],
  );
  const linePoints = useMemo(() => preparedLines.map((p) => p.points), [preparedLines]);
  const rawPoints = useMemo(() => preparedRaw.map((p) => p.points), [preparedRaw]);
  const bandPoints = useMemo(() => preparedBands.map((p) => p.points), [preparedBands]);
  const hidden = [...preparedLines, ...preparedBands].reduce((sum, p) => sum + p.hidden, 0);
  const hasPoints = linePoints.some((p) => p.length > 0) || bandPoints.some((p) => p.length > 0);

  const dataEnd = useMemo(() => lastX([...lines, ...bands]), [lines, bands]);
  const xEnd = xMax ?? dataEnd;
  const xDomain = useMemo((): [number, number] => [0, xEnd > 0 ? xEnd : 1], [xEnd]);
  // Given, so recharts does not recompute them (with decimal.js) while a wall-time axis grows.
  const xTicks = useMemo(
    () => linearAxis(xDomain[0], xDomain[1]).ticks.filter((t) => t <= xDomain[1]),
    [xDomain],
  );

  const [yLow, yHigh] = yDomain ?? [NaN, NaN];
  const yAxis = useMemo((): YAxisSetup => {
    // Fitted to the raw values too, so that their spikes stay inside the plot.
    const all = [...preparedLines, ...preparedRaw, ...preparedBands];
    if (!log) {
      if (Number.isFinite(yLow) && Number.isFinite(yHigh)) {
        const domain: [number, number] = [yLow, yHigh];
        return {
          scale: 'linear',
          domain,
          ticks: linearTicksWithin(domain, yTicksFor(height)),
          allowDataOverflow: true,
        };
      }
      const fitted = linearAxis(
        Math.min(...all.map((p) => p.yMin)),
        Math.max(...all.map((p) => p.yMax)),
        yTicksFor(height),
      );
      return { scale: 'linear', ...fitted, allowDataOverflow: true };
    }
    if (yLow > 0 && yHigh > yLow) {
      const domain: [number, number] = [yLow, yHigh];
      return { scale: 'log', domain, ticks: logTicksWithin(domain), allowDataOverflow: true };
    }
    const fitted = logAxis(
      Math.min(...all.map((p) => p.yMin)),
      Math.max(...all.map((p) => p.yMax)),
    );
    return { scale: 'log', ...fitted, allowDataOverflow: true };
  }, [log, yLow, yHigh, preparedLines, preparedRaw, preparedBands, height]);

  // Hover state lives in the readout store (shared by the charts of a view, or this chart's own):
  // moving it re-renders the readouts only, never this component or its Plot.
  const [plot, setPlot] = useState<PlotRect | null>(null);
  const readouts = useReadoutStore();
  const chartId = useId();
  const [x0, x1] = xDomain;
  const plotWidth = plot?.width ?? width;
  /** Move the readout of this chart (and of the charts it is synchronized with) to `x`. */
  const readAt = (x: number | undefined) =>
    readouts.set(x === undefined ? undefined : { x, source: chartId });

  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    if (!plot || plot.width <= 0) return;
    const fraction =
      (event.clientX - event.currentTarget.getBoundingClientRect().left - plot.x) / plot.width;
    if (fraction < 0 || fraction > 1) {
      readouts.clear(chartId);
      return;
    }
    const x = snapX(lines, x0 + fraction * (x1 - x0));
    if (x === undefined) readouts.clear(chartId);
    else readAt(x);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const direction = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const readX = readouts.get()?.x;
    if (direction !== 0) {
      const span = x1 - x0;
      const gap = event.shiftKey ? LARGE_STEP * span : span / Math.max(1, plotWidth);
      // The first press starts at the end the arrow points away from.
      const start = endX(lines, direction > 0 ? -1 : 1);
      readAt(readX === undefined ? start : stepX(lines, readX, direction, gap));
    } else if (event.key === 'Home' || event.key === 'End') {
      readAt(endX(lines, event.key === 'End' ? 1 : -1));
    } else if (event.key === 'Escape') {
      readAt(undefined);
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <figure
      ref={figure}
      className="chart metric-chart"
      data-testid="metric-chart"
      data-title={title}
      data-lines={lines.length}
      data-reference-lines={lines.filter((line) => line.reference).length}
    >
      <figcaption id={captionId} className="chart-title">
        {title}
        {description && <span className="chart-help">{description}</span>}
      </figcaption>
      <ChartExportMenu
        figure={figure}
        title={title}
        legend={legend}
        fileName={exportName ?? title}
        describedBy={captionId}
      />
      {lines.length > 0 && (
        // An HTML legend wraps long names onto more lines instead of over the plot.
        <ul className="chart-legend" aria-label="Legend">
          {lines.map((line) => (
            <li key={line.id} className={line.reference ? 'chart-legend-reference' : undefined}>
              <LegendSwatch
                color={line.color}
                dashed={line.dashed}
                reference={line.reference}
                opacity={strokeOf(line).opacity}
              />
              {line.label}
            </li>
          ))}
        </ul>
      )}
      <div
        ref={ref}
        className="chart-body"
        style={{ height }}
        tabIndex={0}
        // A named group: a plain div may not carry an aria-label.
        role="group"
        aria-label={`${title}: arrow keys read every line's value, Escape hides the readout`}
        aria-describedby={summaryId}
        onMouseMove={onMouseMove}
        onMouseLeave={() => readouts.clear(chartId)}
        onKeyDown={onKeyDown}
      >
        {width > 0 && (
          <Plot
            width={width}
            height={height}
            lines={lines}
            linePoints={linePoints}
            rawLines={rawLines}
            rawPoints={rawPoints}
            bands={bands}
            bandPoints={bandPoints}
            xDomain={xDomain}
            xTicks={xTicks}
            yAxis={yAxis}
            xLabel={xLabel}
            formatX={formatX}
            formatY={formatY}
            onPlotArea={setPlot}
          />
        )}
        {!hasPoints && <p className="chart-empty">{emptyText}</p>}
        {hasPoints && plot && (
          <SyncedReadout
            store={readouts}
            chartId={chartId}
            lines={lines}
            plot={plot}
            xDomain={xDomain}
            chartWidth={width}
            xLabel={xLabel}
            formatX={formatX ?? formatXDefault}
            formatY={formatY}
          />
        )}
      </div>
      <p id={summaryId} className="visually-hidden" data-testid="chart-summary">
        {summary}
      </p>
      <ChartDataTable
        title={title}
        lines={lines}
        xLabel={xLabel}
        formatX={formatX ?? formatXDefault}
        formatY={formatY}
      />
      {log && hidden > 0 && (
        <p className="chart-note" data-testid="chart-note">
          {hidden} {hidden === 1 ? 'point' : 'points'} ≤ 0 hidden on the log scale
        </p>
      )}
    </figure>
  );
});
