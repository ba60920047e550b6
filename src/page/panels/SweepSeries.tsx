/**
 * The sweep figure's bands, lines, dots and marks, drawn as plain SVG from recharts' axis scales.
 * recharts' Area, Line and Scatter keep their data in the chart's store: each new summary re-ran
 * its selectors and re-rendered the whole chart in the next animation frame (40-110 ms frames
 * while a sweep streamed). Drawn here, a new summary redraws these paths and nothing else.
 */
import { Fragment } from 'react';
import { Symbols, useXAxisScale, useYAxisScale } from 'recharts';
import type { MarkKind, SweepPoint } from '../../experiments/sweep/sweepLines';
import type { BandPoint, Point } from '../charts/downsample';
import { bandPath, linePath, type ToPixel } from '../charts/seriesPath';
import { countedDot } from './SweepDot';

/** Area of a mark's symbol, px² (a triangle ~12 px wide, larger than recharts drew). */
const MARK_AREA = 64;
/** Stroke width of a line through the means, CSS pixels. */
const LINE_WIDTH = 2;

/** The marks of one kind on one line, at their pixel-ready data coordinates. */
interface SweepMarkGroup {
  kind: MarkKind;
  shape: 'cross' | 'triangle' | 'diamond';
  points: Point[];
}

/** One line of the figure as drawn. */
export interface SweepSeriesLine {
  key: string;
  color: string;
  dash: string | undefined;
  bandOpacity: number;
  /** The min–max band where two or more runs have a value. */
  band: BandPoint[];
  /** Points with a finite mean, in x order. */
  means: SweepPoint[];
  marks: SweepMarkGroup[];
}

export function SweepSeries({ lines }: { lines: readonly SweepSeriesLine[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  const toX: ToPixel = (v) => xScale(v);
  const toY: ToPixel = (v) => yScale(v);
  // Bands under every line, lines under every dot, marks on top (recharts' order before).
  return (
    <g className="sweep-series">
      {lines.map((line) => {
        const d = bandPath(line.band, toX, toY);
        return (
          d && (
            <path
              key={`band-${line.key}`}
              className="recharts-area-area"
              d={d}
              stroke="none"
              fill={line.color}
              fillOpacity={line.bandOpacity}
            />
          )
        );
      })}
      {lines.map((line) => {
        const d = linePath(
          line.means.map((p) => ({ x: p.x, y: p.mean })),
          toX,
          toY,
        );
        return (
          <g key={`line-${line.key}`} className="sweep-line">
            {d && (
              <path
                className="recharts-line-curve"
                d={d}
                fill="none"
                stroke={line.color}
                strokeWidth={LINE_WIDTH}
                strokeDasharray={line.dash}
              />
            )}
            {line.means.map((p, i) => (
              <Fragment key={i}>
                {countedDot({ cx: toX(p.x), cy: toY(p.mean), payload: p }, line.color)}
              </Fragment>
            ))}
          </g>
        );
      })}
      {lines.flatMap((line) =>
        line.marks.map((group) => (
          <g
            key={`marks-${line.key}-${group.kind}`}
            className={`sweep-mark sweep-mark-${group.kind}`}
          >
            {group.points.map((p, i) => {
              const cx = toX(p.x);
              const cy = toY(p.y);
              return cx === undefined || cy === undefined ? null : (
                <Symbols
                  key={i}
                  type={group.shape}
                  cx={cx}
                  cy={cy}
                  size={MARK_AREA}
                  fill={line.color}
                />
              );
            })}
          </g>
        )),
      )}
    </g>
  );
}
