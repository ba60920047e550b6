/** Every run of a launch: status, progress, speed, ETA, last test accuracy, and its controls. */
import { FINAL_STATUSES } from '../../shared/runStatus';
import { useLab } from '../store/LabContext';
import type { RunView } from '../store/runView';
import { lastValue } from '../store/series';
import { formatEta, formatPercent, formatRate } from './format';

/** Tasks without a held-out test set (the deep linear net fits its training points). */
const hasTestSet = (run: RunView | undefined) => run?.config.task !== 'deep-linear';

function RunRow({ runId, accuracy }: { runId: string; accuracy: boolean }) {
  const run = useLab((s) => s.runs[runId]);
  if (!run) return null;
  return <RunRowView run={run} accuracy={accuracy} />;
}

function RunRowView({ run, accuracy }: { run: RunView; accuracy: boolean }) {
  const testAccuracy = useLab((s) => lastValue(s.series[run.id]?.testAccuracy));
  const pauseRun = useLab((s) => s.pauseRun);
  const resumeRun = useLab((s) => s.resumeRun);
  const stopRun = useLab((s) => s.stopRun);
  const resumeFromCheckpoint = useLab((s) => s.resumeFromCheckpoint);
  /** Cut off by a reload with a checkpoint to continue from. */
  const resumable = useLab((s) => run.status === 'interrupted' && !!s.checkpoints[run.id]);
  const total = run.config.steps;
  const active = run.status === 'running' || run.status === 'queued';
  const final = FINAL_STATUSES.has(run.status);
  /** Speed and ETA mean something only while the run trains. */
  const running = run.status === 'running';
  return (
    <tr data-testid="run-row" data-status={run.status} data-run={run.label}>
      <th scope="row">
        <span
          className={`swatch${run.panelStyle.dashed ? ' dashed' : ''}`}
          style={{ borderColor: run.panelStyle.color }}
          aria-hidden="true"
        />
        {run.label}
      </th>
      <td>
        <span className={`status status-${run.status}`}>{run.status}</span>
        {run.message && <div className="run-message">{run.message}</div>}
      </td>
      <td>
        <div className="progress-cell">
          <progress max={total} value={run.step} aria-label={`${run.label} progress`} />
          <span className="numeric" data-testid="run-step">
            {run.step} / {total}
          </span>
        </div>
      </td>
      <td className="numeric">{running ? formatRate(run.stepsPerSecond) : '–'}</td>
      <td className="numeric">{running ? formatEta(total - run.step, run.stepsPerSecond) : '–'}</td>
      {accuracy && <td className="numeric">{formatPercent(testAccuracy)}</td>}
      <td>
        <div className="actions">
          {active && (
            <button type="button" onClick={() => pauseRun(run.id)}>
              Pause
            </button>
          )}
          {run.status === 'paused' && (
            <button type="button" onClick={() => resumeRun(run.id)}>
              Resume
            </button>
          )}
          {resumable && (
            <button type="button" onClick={() => resumeFromCheckpoint(run.id)}>
              Resume
            </button>
          )}
          {!final && (
            <button type="button" onClick={() => stopRun(run.id)}>
              Stop
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

export function RunTable({ runIds }: { runIds: string[] }) {
  // A column that would stay empty for every run is left out.
  const accuracy = useLab((s) => runIds.some((id) => hasTestSet(s.runs[id])));
  return (
    <div className="table-scroll">
      <table className="run-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Step</th>
            <th scope="col">Steps/s</th>
            <th scope="col">ETA</th>
            {accuracy && <th scope="col">Test acc.</th>}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runIds.map((id) => (
            <RunRow key={id} runId={id} accuracy={accuracy} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
