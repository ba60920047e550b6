/** The cloud as an SVG scatter plot: grid, round-numbered ticks, the axes through the origin, the
 * points, their mean (a cross) and a box of one standard deviation either side of it. Props only. */
import type { Moments } from './batchNormMath';
import { niceStep, tickLabel, ticks, TICK_SPACING, type Box } from './plotScale';
import type { Frame } from './useTween';

/** Size of the whole drawing, in viewBox units; it scales to the width it is given. */
const VIEW = { width: 640, height: 400 };
/** Room for tick labels left and below, a little air above and right. */
const MARGIN = { left: 44, right: 14, top: 12, bottom: 30 };
/** The plotting area inside the margins. */
export const PLOT_BOX: Box = {
  width: VIEW.width - MARGIN.left - MARGIN.right,
  height: VIEW.height - MARGIN.top - MARGIN.bottom,
};
/** Radius of a point, in viewBox units. */
const POINT_RADIUS = 4;

export interface ScatterPlotProps {
  /** Points and data window to draw (mid-animation or settled). */
  frame: Frame;
  /** Mean and variance of the drawn points, for the cross and the ±1 std box. */
  stats: Moments;
  /** What the picture shows, for screen readers. */
  label: string;
}

export function ScatterPlot({ frame, stats, label }: ScatterPlotProps) {
  const { x0, x1, y0, y1 } = frame.domain;
  const sx = (x: number) => MARGIN.left + ((x - x0) / (x1 - x0)) * PLOT_BOX.width;
  const sy = (y: number) => MARGIN.top + ((y1 - y) / (y1 - y0)) * PLOT_BOX.height;
  // Same data units per viewBox unit on both axes, so one step serves both.
  const step = niceStep(((x1 - x0) / PLOT_BOX.width) * TICK_SPACING);
  const xTicks = ticks(x0, x1, step);
  const yTicks = ticks(y0, y1, step);
  const [left, right] = [MARGIN.left, MARGIN.left + PLOT_BOX.width];
  const [top, bottom] = [MARGIN.top, MARGIN.top + PLOT_BOX.height];
  const { mean, variance } = stats;
  const [stdX, stdY] = [Math.sqrt(variance.x), Math.sqrt(variance.y)];

  return (
    <svg
      className="mech-plot"
      viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
      role="img"
      aria-label={label}
    >
      <rect
        className="mech-plot-area"
        x={left}
        y={top}
        width={PLOT_BOX.width}
        height={PLOT_BOX.height}
      />
      <g className="mech-grid">
        {xTicks.map((t) => (
          <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={top} y2={bottom} />
        ))}
        {yTicks.map((t) => (
          <line key={`y${t}`} x1={left} x2={right} y1={sy(t)} y2={sy(t)} />
        ))}
      </g>
      <g className="mech-origin">
        {x0 <= 0 && 0 <= x1 && <line x1={sx(0)} x2={sx(0)} y1={top} y2={bottom} />}
        {y0 <= 0 && 0 <= y1 && <line x1={left} x2={right} y1={sy(0)} y2={sy(0)} />}
      </g>
      <g className="mech-tick-labels" aria-hidden="true">
        {xTicks.map((t) => (
          <text
            key={`x${t}`}
            x={sx(t)}
            y={bottom + 6}
            textAnchor="middle"
            dominantBaseline="hanging"
          >
            {tickLabel(t, step)}
          </text>
        ))}
        {yTicks.map((t) => (
          <text key={`y${t}`} x={left - 6} y={sy(t)} textAnchor="end" dominantBaseline="middle">
            {tickLabel(t, step)}
          </text>
        ))}
      </g>
      <g className="mech-points">
        {frame.points.map((p, i) => (
          <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={POINT_RADIUS} />
        ))}
      </g>
      <rect
        className="mech-std-box"
        x={sx(mean.x - stdX)}
        y={sy(mean.y + stdY)}
        width={sx(mean.x + stdX) - sx(mean.x - stdX)}
        height={sy(mean.y - stdY) - sy(mean.y + stdY)}
      />
      <path className="mech-mean" d={`M${sx(mean.x) - 7},${sy(mean.y) - 7}l14,14m0,-14l-14,14`} />
      <g className="mech-axis-names" aria-hidden="true">
        <text x={right - 6} y={bottom - 8} textAnchor="end">
          x (feature 1)
        </text>
        <text x={left + 6} y={top + 6} dominantBaseline="hanging">
          y (feature 2)
        </text>
      </g>
      <rect
        className="mech-plot-frame"
        x={left}
        y={top}
        width={PLOT_BOX.width}
        height={PLOT_BOX.height}
      />
    </svg>
  );
}
