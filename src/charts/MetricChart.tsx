/** One metric of several runs as lines over training steps. Props only; knows nothing of the store. */
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { downsampleLine, type Point } from './downsample';
import { useElementWidth } from './useElementWidth';

export interface ChartLine {
  id: string;
  label: string;
  color: string;
  dashed: boolean;
  /** x (step) of each point; the first `length` entries are used. */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  length: number;
}

/** Downsampled points per y array, kept while its length and the chart width stay the same. */
const pointCache = new WeakMap<object, { length: number; width: number; points: Point[] }>();

/** The line's points, at most about one per horizontal pixel (LTTB keeps the shape). */
function pointsOf(line: ChartLine, width: number): Point[] {
  const key = line.ys as object;
  const cached = pointCache.get(key);
  if (cached && cached.length === line.length && cached.width === width) return cached.points;
  const points = downsampleLine(line.xs, line.ys, line.length, Math.max(3, Math.round(width)));
  pointCache.set(key, { length: line.length, width, points });
  return points;
}

export interface MetricChartProps {
  title: string;
  /** One sentence on what the metric is, shown under the title. */
  description?: string;
  lines: ChartLine[];
  /** Fixed y range, or undefined to fit the data. */
  yDomain?: [number, number];
  /** Right end of the x axis (the runs' step count). */
  xMax: number;
  /** Chart height, CSS pixels. */
  height?: number;
  /** Formats y values on the axis and in the tooltip. */
  formatY?: (value: number) => string;
}

/** Dash pattern of dashed lines, pixels on / off. */
const DASH = '7 4';
const DEFAULT_HEIGHT = 240;

/** Up to three significant digits without trailing zeros: 0.6, 2.31, 1500. */
const formatDefault = (v: number) => String(Number(v.toPrecision(3)));

export const MetricChart = memo(function MetricChart({
  title,
  description,
  lines,
  yDomain,
  xMax,
  height = DEFAULT_HEIGHT,
  formatY = formatDefault,
}: MetricChartProps) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const points = useMemo(() => lines.map((line) => pointsOf(line, width)), [lines, width]);
  const hasPoints = points.some((p) => p.length > 0);
  return (
    <figure className="chart" data-testid="metric-chart" data-title={title}>
      <figcaption className="chart-title">
        {title}
        {description && <span className="chart-help">{description}</span>}
      </figcaption>
      <div ref={ref} className="chart-body" style={{ height }}>
        {width > 0 && (
          <LineChart
            width={width}
            height={height}
            margin={{ top: 8, right: 16, bottom: 24, left: 4 }}
          >
            <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
            <XAxis
              type="number"
              dataKey="x"
              domain={[0, xMax]}
              allowDataOverflow
              stroke="var(--muted)"
              label={{ value: 'step', position: 'insideBottom', offset: -12, fill: 'var(--muted)' }}
            />
            <YAxis
              type="number"
              dataKey="y"
              domain={yDomain ?? ['auto', 'auto']}
              allowDataOverflow={yDomain !== undefined}
              stroke="var(--muted)"
              tickFormatter={formatY}
              width={48}
            />
            <Tooltip
              formatter={(value) => (typeof value === 'number' ? formatY(value) : String(value))}
              labelFormatter={(step) => `step ${String(step)}`}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--grid)' }}
            />
            <Legend verticalAlign="top" height={28} />
            {lines.map((line, i) => (
              <Line
                key={line.id}
                data={points[i]}
                dataKey="y"
                name={line.label}
                legendType="plainline"
                stroke={line.color}
                strokeWidth={2}
                strokeDasharray={line.dashed ? DASH : undefined}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        )}
        {!hasPoints && <p className="chart-empty">No points yet: press Train.</p>}
      </div>
    </figure>
  );
});
