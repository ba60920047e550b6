/**
 * An axis tick's label as one plain SVG text. recharts' own label (its Text) measures each label's
 * words in the DOM when the axis has a width, which forced a layout of the page whenever a new
 * label appeared (15-30 ms while a sweep streamed); our labels are one short line, placed as Text
 * places a line.
 */

/** Offset from the tick to the label's baseline per vertical anchor (Text's cap height 0.71em). */
const BASELINE_DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/** What recharts hands a tick renderer (the parts used here). */
export interface AxisTickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  className?: string;
  index?: number;
  payload?: { value?: unknown };
  tickFormatter?: (value: number, index: number) => string;
}

/** The tick label of `props`: its value through the axis's formatter, else as text. */
export function AxisTick({
  x,
  y,
  textAnchor,
  verticalAnchor = 'end',
  fill,
  className,
  index = 0,
  payload,
  tickFormatter,
}: AxisTickProps) {
  const value = payload?.value;
  const label =
    tickFormatter && typeof value === 'number' ? tickFormatter(value, index) : String(value ?? '');
  return (
    <text
      x={x}
      y={y}
      dy={BASELINE_DY[verticalAnchor]}
      textAnchor={textAnchor}
      fill={fill}
      stroke="none"
      className={className}
    >
      {label}
    </text>
  );
}

/** The renderer to give an axis's `tick` prop. */
export const axisTick = (props: AxisTickProps) => <AxisTick {...props} />;
