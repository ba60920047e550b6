/**
 * The x axis' title, centred under the plot area in a chart's SVG. Drawn here rather than as
 * recharts' axis `label`: that one measures each word in the DOM whenever the axis re-renders
 * (a forced layout while points stream in), and this text never wraps.
 */
import { usePlotArea } from 'recharts';

/** recharts' default height of the x axis (ticks and their labels), CSS pixels. */
export const X_AXIS_HEIGHT = 30;
/** From the x axis' bottom to the title's baseline, CSS pixels. */
const TITLE_BELOW_AXIS = 10;

export function XAxisTitle({ text }: { text: string }) {
  const area = usePlotArea();
  if (!area || text === '') return null;
  return (
    <text
      className="chart-axis-title"
      x={area.x + area.width / 2}
      y={area.y + area.height + X_AXIS_HEIGHT + TITLE_BELOW_AXIS}
      textAnchor="middle"
      fill="var(--muted)"
    >
      {text}
    </text>
  );
}
