/** A launch's runs in one line (presentation mode): how many have each status, step and speed. */
import { statusSummary } from '../../shared/runStatus';
import { useLabShallow } from '../store/LabContext';
import { formatRate } from './format';

export function RunStatusLine({ runIds }: { runIds: readonly string[] }) {
  const runs = useLabShallow((s) => runIds.flatMap((id) => s.runs[id] ?? []));
  if (runs.length === 0) return null;
  const step = Math.min(...runs.map((r) => r.step));
  const total = Math.max(...runs.map((r) => r.config.steps));
  const speed = runs
    .filter((r) => r.status === 'running')
    .reduce((sum, r) => sum + r.stepsPerSecond, 0);
  return (
    <p className="run-status-line" data-testid="run-status-line" aria-live="polite">
      {runs.length} runs: {statusSummary(runs.map((r) => r.status))} · step {step} of {total}
      {speed > 0 ? ` · ${formatRate(speed)} steps/s in all` : ''}
    </p>
  );
}
