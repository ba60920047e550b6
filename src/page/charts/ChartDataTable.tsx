/** A chart's numbers as a table, behind a disclosure: built only while it is open. */
import { useState } from 'react';
import { tableRows } from './textAlternative';
import type { ChartLine } from './types';

export function ChartDataTable({
  title,
  lines,
  xLabel,
  formatX,
  formatY,
}: {
  title: string;
  lines: ChartLine[];
  xLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="chart-data"
      data-testid="chart-data"
      // A control for the reader of the page, not part of the figure.
      data-export-ignore=""
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Data table</summary>
      {open && (
        <table>
          <caption>
            {title}: each line’s value at {xLabel}s spread evenly over the chart
          </caption>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {lines.map((line) => (
                <th key={line.id} scope="col">
                  {line.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tableRows(lines).map((row) => (
              <tr key={row.x}>
                <th scope="row">{formatX(row.x)}</th>
                {row.values.map((v, i) => (
                  <td key={lines[i]?.id ?? i}>{Number.isFinite(v) ? formatY(v) : '–'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
