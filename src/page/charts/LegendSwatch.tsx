/** A legend's sample of a line: a short stroke in the line's colour, dash and opacity. */

/** Dash of a dashed line's sample (shorter than the chart's, to fit 22 px). */
const LEGEND_DASH = '5 3';
/** Dash of a reference line's sample (finely dotted, as reference curves are drawn). */
const LEGEND_REFERENCE_DASH = '2 2';
/** Size of the sample, CSS pixels. */
const WIDTH = 22;
const HEIGHT = 6;
/** Stroke width of the sample, CSS pixels (thicker than the line, to read the colour). */
const STROKE = 3;

export function LegendSwatch({
  color,
  dashed = false,
  reference = false,
  opacity,
}: {
  color: string;
  dashed?: boolean;
  /** A reference curve (finely dotted). */
  reference?: boolean;
  opacity?: number;
}) {
  return (
    <svg width={WIDTH} height={HEIGHT} aria-hidden="true">
      <line
        x1="0"
        y1={HEIGHT / 2}
        x2={WIDTH}
        y2={HEIGHT / 2}
        stroke={color}
        strokeWidth={STROKE}
        strokeOpacity={opacity}
        strokeDasharray={reference ? LEGEND_REFERENCE_DASH : dashed ? LEGEND_DASH : undefined}
      />
    </svg>
  );
}
