/**
 * One metric of several runs as lines over training steps (or wall time), with optional bands
 * under them, a linear or log y axis, and a hover readout of every line. Props only; knows nothing
 * of the store. Its title row holds an export menu (PNG, SVG, copy).
 */
import { memo, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { ChartDataTable } from './ChartDataTable';
import type { PlotRect } from './ChartReadout';
import { readableOn } from './contrast';
import { Plot, strokeOf, xTicksFor, yTicksFor, type YAxisSetup } from './Plot';
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

/** Chart height unless given, CSS pixels. */
const DEFAULT_HEIGHT = 240;

/** Shift+arrow moves the readout at least this fraction of the x range; an arrow, one pixel. */
const LARGE_STEP = 0.1;

/** Up to three significant digits without trailing zeros: 0.6, 2.31, 1500. */
const formatDefault = (v: number) => String(Number(v.toPrecision(3)));
/** Whole x (steps) exactly; others to four significant digits. */
const formatXDefault = (v: number) =>
  Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));

/** The lines, each recoloured where needed to stand 3:1 against the surface (hue kept). */
function readableLines(lines: ChartLine[], surface: string): ChartLine[] {
  if (surface === '') return lines;
  return lines.map((line) => {
    const color = readableOn(line.color, surface);
    return color === line.color ? line : { ...line, color };
  });
}

const NO_BANDS: ChartBand[] = [];
const NO_LINES: ChartLine[] = [];

/** Two y axes with the same scale, domain, ticks and overflow. */
function sameYAxis(a: YAxisSetup, b: YAxisSetup): boolean {
  return (
    a.scale === b.scale &&
    a.allowDataOverflow === b.allowDataOverflow &&
    a.domain[0] === b.domain[0] &&
    a.domain[1] === b.domain[1] &&
    (a.ticks === b.ticks ||
      (a.ticks !== undefined &&
        b.ticks !== undefined &&
        a.ticks.length === b.ticks.length &&
        a.ticks.every((t, i) => t === b.ticks?.[i])))
  );
}

/** `value`, or the one returned before while `equal` holds between them. */
function useSameValue<T>(value: T, equal: (a: T, b: T) => boolean): T {
  const [kept, setKept] = useState({ value });
  // React's pattern for state derived from a changed input: update during render, use the new one.
  if (kept.value !== value && !equal(kept.value, value)) {
    setKept({ value });
    return value;
  }
  return kept.value;
}

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
  const xTickCount = xTicksFor(width);
  const xTicks = useMemo(
    () => linearAxis(xDomain[0], xDomain[1], xTickCount).ticks.filter((t) => t <= xDomain[1]),
    [xDomain, xTickCount],
  );

  const [yLow, yHigh] = yDomain ?? [NaN, NaN];
  const fittedYAxis = useMemo((): YAxisSetup => {
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
  // Kept while it is the same axis (the usual case once the runs settle), so Plot keeps its axes.
  const yAxis = useSameValue(fittedYAxis, sameYAxis);

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
