/** The sweep figure's dot at each mean, with "counted/runs" beside it when some runs have no value. */

/** Radius of the dots at each mean, CSS pixels. */
const DOT_RADIUS = 3.5;

/** What recharts hands a dot renderer: its pixel and the point it stands for. */
export interface DotProps {
  cx?: number;
  cy?: number;
  payload?: { counted?: number; runs?: number };
}

/**
 * A point's dot; when only some of its runs have a value (the others stalled or diverged before
 * one), "counted/runs" beside it, so a mean of one seed never passes for a mean of three.
 */
export function countedDot({ cx, cy, payload }: DotProps, color: string) {
  if (cx === undefined || cy === undefined) return <g />;
  const counted = payload?.counted ?? 0;
  const runs = payload?.runs ?? 0;
  return (
    <g key={`${cx},${cy}`} className="sweep-dot">
      <circle cx={cx} cy={cy} r={DOT_RADIUS} fill={color} stroke="none" />
      {counted < runs && (
        <text
          className="sweep-dot-count"
          x={cx + DOT_RADIUS + 3}
          y={cy - DOT_RADIUS - 2}
          fill={color}
          fontSize={11}
        >
          {counted}/{runs}
        </text>
      )}
    </g>
  );
}
