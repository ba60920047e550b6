/**
 * The benchmark page (bench.html): times training steps of every backend this browser offers, in a
 * worker, and prints the table. `npm run bench` reads `window.benchResults` from it.
 */
import { BACKENDS, type BackendName } from '../../shared/backends';
import type { BenchRow } from '../benchCases';

declare global {
  interface Window {
    /** Rows so far; `done` once every backend was tried. */
    benchResults?: { rows: BenchRow[]; done: boolean };
  }
}

const output = document.getElementById('results');
const params = new URLSearchParams(location.search);
const requested = (params.get('backends')?.split(',') ?? [...BACKENDS]).filter(
  (b): b is BackendName => (BACKENDS as readonly string[]).includes(b),
);
const results: { rows: BenchRow[]; done: boolean } = { rows: [], done: false };
window.benchResults = results;

function render(): void {
  if (!output) return;
  output.textContent =
    results.rows
      .map((row) =>
        [
          `${row.where} ${row.backend}`.padEnd(24),
          row.note ??
            row.cells
              .map((c) => `${c.caseId}: ${c.medianMs.toFixed(1)} ms (p90 ${c.p90Ms.toFixed(1)})`)
              .join('  '),
        ].join(' '),
      )
      .join('\n') + (results.done ? '\ndone' : '\nrunning…');
}

const worker = new Worker(new URL('../worker/bench.worker.ts', import.meta.url), {
  type: 'module',
});
worker.onmessage = (message: MessageEvent<BenchRow | null>) => {
  if (message.data === null) results.done = true;
  else results.rows.push(message.data);
  render();
};
worker.onerror = (error) => {
  results.rows.push({ where: 'chromium worker', backend: '-', cells: [], note: error.message });
  results.done = true;
  render();
};
worker.postMessage(requested);
render();
