/** The hover readout: a vertical cursor at x and a box of every line's value there. Props only. */
import type { ReadoutRow } from './readout';

/** The plot area inside the chart body, CSS pixels from its top-left corner. */
export interface PlotRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Gap between the cursor and the box, CSS pixels. */
const BOX_GAP = 10;

export function ChartReadout({
  x,
  left,
  plot,
  chartWidth,
  rows,
  xLabel,
  formatX,
  formatY,
  live = true,
}: {
  /** The x read, a recorded x of some line. */
  x: number;
  /** The cursor's pixel position in the chart body. */
  left: number;
  plot: PlotRect;
  chartWidth: number;
  rows: readonly ReadoutRow[];
  xLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /**
   * Announced as it changes (the chart being read); false for a readout that follows another
   * chart's, which is only shown, so a screen reader hears one readout at a time.
   */
  live?: boolean;
}) {
  // The box sits right of the cursor on the left half, left of it on the right half.
  const side =
    left <= chartWidth / 2 ? { left: left + BOX_GAP } : { right: chartWidth - left + BOX_GAP };
  return (
    <>
      <div
        className="chart-cursor"
        data-testid="chart-cursor"
        style={{ left, top: plot.y, height: plot.height }}
        aria-hidden="true"
      />
      <div
        className="chart-readout"
        data-testid="chart-readout"
        data-synced={!live}
        style={{ top: plot.y, ...side }}
        role={live ? 'status' : undefined}
        aria-live={live ? 'polite' : undefined}
        aria-hidden={live ? undefined : true}
      >
        <table>
          <caption data-testid="chart-readout-x">
            {xLabel} {formatX(x)}
          </caption>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="chart-readout-row" data-line={row.id}>
                <td>
                  <span className="chart-swatch" style={{ background: row.color }} />
                </td>
                <th scope="row">{row.label}</th>
                <td className="chart-readout-value">
                  {Number.isNaN(row.value) ? '—' : formatY(row.value)}
                  {row.x !== undefined && row.x !== x && (
                    <span className="chart-readout-at"> at {formatX(row.x)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
