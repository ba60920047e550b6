/**
 * A chart's lines and bands, drawn inside recharts' chart from its axis scales as one SVG path
 * each. recharts' own Line and Area build several objects per point on every update (about a
 * quarter of the page's time while 8 runs stream); this draws the same paths from one loop.
 */
import { useId, useState } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { BandPoint, Point } from './downsample';
import { PathCache, scalePrint } from './pathCache';
import { bandPath, linePath, lonePoint, type ToPixel } from './seriesPath';

/** Radius of the dot that marks a line's only point, CSS pixels. */
const LONE_POINT_RADIUS = 3.5;

/** How one line is stroked. */
export interface LineStroke {
  id: string;
  color: string;
  width: number;
  opacity: number;
  dash: string | undefined;
  reference: boolean;
  /** The unsmoothed values behind a smoothed line: marked `chart-raw` in the page. */
  raw: boolean;
}

/** The class of a line's group: what it is, for styles and tests. */
const lineClass = (line: LineStroke) =>
  line.raw ? 'chart-line chart-raw' : line.reference ? 'chart-line chart-reference' : 'chart-line';

/** How one band is filled. */
export interface BandFill {
  id: string;
  color: string;
  opacity: number;
}

export function SeriesPaths({
  lines,
  linePoints,
  bands,
  bandPoints,
}: {
  lines: readonly LineStroke[];
  linePoints: readonly Point[][];
  bands: readonly BandFill[];
  bandPoints: readonly BandPoint[][];
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const area = usePlotArea();
  // An id usable inside url(#…): React's ids may hold characters a URL fragment must escape.
  const clipId = `series-clip-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const [paths] = useState(() => new PathCache());
  if (!xScale || !yScale || !area) return null;
  const toX: ToPixel = (v) => xScale(v);
  const toY: ToPixel = (v) => yScale(v);
  const print = scalePrint(toX, toY);
  return (
    <g className="chart-series">
      <defs>
        <clipPath id={clipId}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {bands.map((band, i) => {
          const points = bandPoints[i] ?? [];
          const d = paths.path(points, print, () => bandPath(points, toX, toY));
          return (
            <g key={band.id} className="chart-band">
              {d && (
                <path
                  className="recharts-area-area"
                  d={d}
                  stroke="none"
                  fill={band.color}
                  fillOpacity={band.opacity}
                />
              )}
            </g>
          );
        })}
        {lines.map((line, i) => {
          // A line of fewer than two drawable points has no path; its one point gets a dot.
          const points = linePoints[i] ?? [];
          const d = paths.path(points, print, () => linePath(points, toX, toY));
          const lone = d ? null : lonePoint(points, toX, toY);
          return (
            <g key={line.id} className={lineClass(line)}>
              {d && (
                <path
                  className="recharts-line-curve"
                  d={d}
                  fill="none"
                  stroke={line.color}
                  strokeWidth={line.width}
                  strokeOpacity={line.opacity}
                  strokeDasharray={line.dash}
                  strokeLinejoin="round"
                />
              )}
              {lone && (
                <circle
                  className="chart-marker"
                  cx={lone.x}
                  cy={lone.y}
                  r={LONE_POINT_RADIUS}
                  fill={line.color}
                  fillOpacity={line.opacity}
                  stroke="none"
                />
              )}
            </g>
          );
        })}
      </g>
    </g>
  );
}
