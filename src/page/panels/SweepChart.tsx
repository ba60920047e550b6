/**
 * The sweep figure's chart: one line per value of the line setting through the mean summary of
 * the runs at each x, a min–max band over seeds, and a mark for every run that diverged, stalled or
 * failed (at its value, or on the bottom edge when it has none). Exports like every chart (PNG,
 * SVG, and its points as CSV); a data table reads it to screen readers.
 */
import { memo, useId, useMemo, useRef } from 'react';
import { CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';
import { axisTick } from '../charts/AxisTick';
import { downloadText } from '../charts/export/download';
import { ChartExportMenu } from '../charts/export/ChartExportMenu';
import { exportFileName } from '../charts/export/fileName';
import { linearAxis, linearTicksWithin } from '../charts/prepare';
import { LegendSwatch } from '../charts/LegendSwatch';
import { useRedrawTurn } from '../charts/redrawTurns';
import { DASH, DEFAULT_BAND_OPACITY } from '../charts/Plot';
import { useElementWidth } from '../charts/useElementWidth';
import { XAxisTitle } from '../charts/XAxisTitle';
import { SweepSeries, type SweepSeriesLine } from './SweepSeries';
import { sweepCsv, type MarkKind, type SweepFigure } from '../../experiments/sweep/sweepLines';

/** Chart height, CSS pixels. */
const HEIGHT = 300;
const MARGIN = { top: 8, right: 20, bottom: 24, left: 4 };
const Y_AXIS_WIDTH = 52;
/** Most y ticks. */
const Y_TICKS = 6;
/** A log x axis reaches this factor beyond the smallest and largest value. */
const LOG_PAD = 1.4;
/** How each kind of ending is marked: its symbol and the legend's words. */
const MARK_SHAPES: Record<MarkKind, { shape: 'cross' | 'triangle' | 'diamond'; text: string }> = {
  diverged: { shape: 'cross', text: 'diverged (loss NaN or infinite)' },
  stalled: { shape: 'triangle', text: 'stalled (ReLUs dead)' },
  failed: { shape: 'diamond', text: 'failed (an error)' },
};

/** Marks of neighbouring lines at one x sit this fraction of the x range apart. */
const MARK_SPREAD = 0.012;

/** Where line `index` of `count` draws a mark at data x `x`: shifted so lines do not overlap. */
function markX(
  x: number,
  index: number,
  count: number,
  logX: boolean,
  [lo, hi]: [number, number],
): number {
  const shift = (index - (count - 1) / 2) * MARK_SPREAD;
  return logX ? x * (hi / lo) ** shift : x + (hi - lo) * shift;
}

/** Least time between two redraws of a sweep figure while its runs stream, ms. */
export const SWEEP_REDRAW_MS = 1000;

const formatPercent = (v: number) => `${Math.round(v * 100)}%`;
const formatNumber = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '–');

/** What the sweep chart draws. */
interface SweepChartProps {
  figure: SweepFigure;
  title: string;
  /** The x setting's name ("learning rate"). */
  xName: string;
  /** The summary's axis label ("final test accuracy"). */
  yName: string;
  logX: boolean;
  /** Values are fractions (drawn 0–100%). */
  fraction: boolean;
  exportName: string;
}

/**
 * The sweep chart, redrawn in its turn like the run charts (see redrawTurns): a press that changes
 * which runs are shown redraws the run table at once and this chart in a task of its own.
 */
export const SweepChart = memo(function SweepChart(props: SweepChartProps) {
  return <SweepChartNow {...useRedrawTurn(props)} />;
});

const SweepChartNow = memo(function SweepChartNow({
  figure,
  title,
  xName,
  yName,
  logX,
  fraction,
  exportName,
}: SweepChartProps) {
  const captionId = useId();
  const card = useRef<HTMLElement>(null);
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const formatY = fraction ? formatPercent : formatNumber;

  const xDomain = useMemo((): [number, number] => {
    const lo = figure.xs[0] ?? 1;
    const hi = figure.xs.at(-1) ?? lo;
    if (logX) return [lo / LOG_PAD, hi * LOG_PAD];
    const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 0.5);
    return [lo - pad, hi + pad];
  }, [figure.xs, logX]);

  const yAxis = useMemo(() => {
    if (fraction)
      return { domain: [0, 1] as [number, number], ticks: linearTicksWithin([0, 1], Y_TICKS) };
    const values = figure.lines.flatMap((line) => [
      ...line.points.flatMap((p) => [p.low, p.high]),
      ...line.marks.map((m) => m.y),
    ]);
    const finite = values.filter(Number.isFinite);
    return linearAxis(Math.min(...finite), Math.max(...finite), Y_TICKS);
  }, [figure.lines, fraction]);

  const legend = figure.lines.map((line) => ({
    label: line.name,
    color: line.style.color,
    dashed: line.style.dashed,
  }));
  const markKinds = (Object.keys(MARK_SHAPES) as MarkKind[]).filter((kind) =>
    figure.lines.some((line) => line.marks.some((m) => m.kind === kind)),
  );
  const [bottom] = yAxis.domain;
  const drawn = useMemo(
    (): SweepSeriesLine[] =>
      figure.lines.map((line, index) => ({
        key: line.key,
        color: line.style.color,
        dash: line.style.dashed ? DASH : undefined,
        bandOpacity: DEFAULT_BAND_OPACITY,
        band: line.points
          .filter((p) => p.counted > 1)
          .map((p) => ({ x: p.x, range: [p.low, p.high] })),
        means: line.points.filter((p) => Number.isFinite(p.mean)),
        marks: (Object.keys(MARK_SHAPES) as MarkKind[]).flatMap((kind) => {
          const marks = line.marks.filter((m) => m.kind === kind);
          return marks.length === 0
            ? []
            : [
                {
                  kind,
                  shape: MARK_SHAPES[kind].shape,
                  points: marks.map((m) => ({
                    // Side by side, so the marks of lines that fail at the same x stay apart.
                    x: markX(m.x, index, figure.lines.length, logX, xDomain),
                    y: Number.isFinite(m.y) ? m.y : bottom,
                  })),
                },
              ];
        }),
      })),
    [figure.lines, logX, xDomain, bottom],
  );

  return (
    <figure
      ref={card}
      className="chart sweep-chart"
      data-testid="sweep-chart"
      data-title={title}
      data-lines={figure.lines.length}
      data-points={figure.lines.map((line) => line.points.length).join(',')}
      data-marks={figure.lines.reduce((sum, line) => sum + line.marks.length, 0)}
    >
      <figcaption id={captionId} className="chart-title">
        {title}
        <span className="chart-help">
          Each point is the mean over the runs at that {xName}; the band spans their lowest to
          highest value.
        </span>
      </figcaption>
      <ChartExportMenu
        figure={card}
        title={title}
        legend={legend}
        fileName={exportName}
        describedBy={captionId}
      />
      <button
        type="button"
        className="sweep-csv"
        data-export-ignore=""
        data-testid="sweep-export-csv"
        onClick={() =>
          downloadText(
            sweepCsv(figure, xName, yName),
            'text/csv',
            exportFileName(exportName, 'csv'),
          )
        }
      >
        CSV
      </button>
      <ul className="chart-legend" aria-label="Legend">
        {figure.lines.map((line) => (
          <li key={line.key}>
            <LegendSwatch color={line.style.color} dashed={line.style.dashed} />
            {line.name}
          </li>
        ))}
        {markKinds.map((kind) => (
          <li key={kind} className="sweep-mark-legend">
            <span aria-hidden="true">
              {kind === 'diverged' ? '✕' : kind === 'stalled' ? '▲' : '◆'}
            </span>{' '}
            {MARK_SHAPES[kind].text}
          </li>
        ))}
      </ul>
      <div ref={ref} className="chart-body" style={{ height: HEIGHT }}>
        {width > 0 && (
          <ComposedChart width={width} height={HEIGHT} margin={MARGIN} accessibilityLayer={false}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
            <XAxis
              type="number"
              // Our ticks are given: recharts' own "nice" ticks (decimal.js, 5-15 ms a render) go unused.
              niceTicks="none"
              tick={axisTick}
              dataKey="x"
              scale={logX ? 'log' : 'linear'}
              domain={xDomain}
              ticks={figure.xs}
              interval={0}
              allowDataOverflow
              stroke="var(--muted)"
              tickFormatter={formatNumber}
            />
            <YAxis
              type="number"
              // Our ticks are given: recharts' own "nice" ticks (decimal.js, 5-15 ms a render) go unused.
              niceTicks="none"
              tick={axisTick}
              domain={yAxis.domain}
              ticks={yAxis.ticks}
              interval={0}
              allowDataOverflow
              stroke="var(--muted)"
              tickFormatter={formatY}
              width={Y_AXIS_WIDTH}
            />
            <SweepSeries lines={drawn} />
            <XAxisTitle text={xName} />
          </ComposedChart>
        )}
      </div>
      <SweepTable figure={figure} xName={xName} yName={yName} formatY={formatY} />
    </figure>
  );
});

/** The figure's numbers for screen readers and copying: a row per x, a column per line. */
function SweepTable({
  figure,
  xName,
  yName,
  formatY,
}: {
  figure: SweepFigure;
  xName: string;
  yName: string;
  formatY: (v: number) => string;
}) {
  return (
    <details className="chart-data" data-export-ignore="">
      <summary>Data table</summary>
      <table>
        <caption>
          {yName} at each {xName}: mean over the runs (how many), lowest to highest
        </caption>
        <thead>
          <tr>
            <th scope="col">{xName}</th>
            {figure.lines.map((line) => (
              <th key={line.key} scope="col">
                {line.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figure.xs.map((x) => (
            <tr key={x}>
              <th scope="row">{formatNumber(x)}</th>
              {figure.lines.map((line) => {
                const p = line.points.find((point) => point.x === x);
                return (
                  <td key={line.key}>
                    {p && Number.isFinite(p.mean)
                      ? `${formatY(p.mean)} (${p.counted})${p.counted > 1 ? ` ${formatY(p.low)}–${formatY(p.high)}` : ''}`
                      : '–'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
