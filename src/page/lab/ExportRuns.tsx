/**
 * The lab's data export: the visible runs (in the list's order) as long-format CSV or as the
 * exchange JSON, or every run as JSON, each with all its metric series.
 */
import { downloadText } from '../charts/export/download';
import { exportFileName } from '../charts/export/fileName';
import { toCsv, toExchange, type RunForExport } from '../../shared/exchange';
import { runsForExport, visibleRunIds } from '../store/exportSelection';
import { useLab, useLabStore, useLabShallow } from '../store/LabContext';

/** Who wrote an exchange file made here. */
const PRODUCER = 'BatchNorm Lab 0.1.0 (browser)';

function saveJson(runs: readonly RunForExport[]) {
  const text = JSON.stringify(toExchange(runs, PRODUCER, new Date()));
  downloadText(text, 'application/json', exportFileName('runs', 'json'));
}

function saveCsv(runs: readonly RunForExport[]) {
  downloadText(toCsv(runs), 'text/csv', exportFileName('runs', 'csv'));
}

export function ExportRuns() {
  const store = useLabStore();
  const runOrder = useLab((s) => s.runOrder);
  // Only which runs are visible is drawn; runs and points are read when a button is pressed, so
  // the stream of points does not re-render these buttons.
  const visible = useLabShallow((s) => visibleRunIds(s));
  const take = (ids: readonly string[]) => runsForExport(store.getState(), ids);
  const note =
    runOrder.length === 0
      ? 'No runs to export yet.'
      : visible.length === 0
        ? 'No visible runs: tick a run to export it.'
        : null;

  return (
    <div className="export-toolbar" role="group" aria-label="Export runs as data">
      <span>Export visible runs:</span>
      <button
        type="button"
        data-testid="export-runs-csv"
        aria-label="Export visible runs as CSV"
        disabled={visible.length === 0}
        onClick={() => saveCsv(take(visible))}
      >
        CSV
      </button>
      <button
        type="button"
        data-testid="export-runs-json"
        aria-label="Export visible runs as JSON"
        disabled={visible.length === 0}
        onClick={() => saveJson(take(visible))}
      >
        JSON
      </button>
      <span>Export all runs:</span>
      <button
        type="button"
        data-testid="export-all-json"
        aria-label="Export all runs as JSON"
        disabled={runOrder.length === 0}
        onClick={() => saveJson(take(runOrder))}
      >
        JSON
      </button>
      {note && <span className="export-toolbar-note">{note}</span>}
    </div>
  );
}
