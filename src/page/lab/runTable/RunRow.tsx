/**
 * One run's row of the table: visibility and colour, name, its values of the differing settings,
 * status, progress, speed, latest numbers and controls. It reads only its own run from the store, so
 * a metrics event re-renders only the rows whose numbers changed.
 */
import { memo, useCallback } from 'react';
import { seedShade } from '../../../experiments/runStyles';
import { formatEta, formatPercent, formatRate } from '../../panels/format';
import { useLab } from '../../store/LabContext';
import type { RunView } from '../../store/runView';
import { lastValue } from '../../store/series';
import { ColorPicker } from './ColorPicker';
import { NameCell } from './NameCell';
import { RunActions } from './RunActions';
import { settingText } from './settingColumns';

/** A loss with three significant digits, or "–". */
function formatLoss(loss: number | undefined): string {
  return loss === undefined || !Number.isFinite(loss) ? '–' : loss.toPrecision(3);
}

interface RowProps {
  onEdit: (runId: string) => void;
  /** A seed of a group (drawn indented under its header). */
  member: boolean;
  /** Its place among its group's seeds, for its shade of the group's colour. */
  seatIndex?: number;
  /** How many seeds its group has (its shade is its own colour unless more than one). */
  seatCount?: number;
  /** Paths of the settings shown as columns. */
  settings: readonly string[];
}

/** The row of run `runId` (nothing once it is deleted). */
export const RunRow = memo(function RunRow({ runId, ...props }: RowProps & { runId: string }) {
  const run = useLab((s) => s.runs[runId]);
  if (!run) return null;
  return <RunRowView run={run} {...props} />;
});

function RunRowView({
  run,
  onEdit,
  member,
  seatIndex = 0,
  seatCount = 1,
  settings,
}: RowProps & { run: RunView }) {
  const trainLoss = useLab((s) => lastValue(s.series[run.id]?.trainLoss));
  const testAccuracy = useLab((s) => lastValue(s.series[run.id]?.testAccuracy));
  const setRunVisible = useLab((s) => s.setRunVisible);
  const setRunColor = useLab((s) => s.setRunColor);
  const pickColor = useCallback(
    (color: string) => setRunColor(run.id, color),
    [setRunColor, run.id],
  );
  const total = run.config.steps;
  /** Speed and ETA mean something only while the run trains. */
  const running = run.status === 'running';
  return (
    <tr
      data-testid="lab-run-row"
      data-run={run.label}
      data-status={run.status}
      data-step={run.step}
      className={member ? 'runlist-row runlist-member' : 'runlist-row'}
    >
      <td>
        <div className="runlist-show">
          <input
            type="checkbox"
            checked={run.visible}
            aria-label={`Show ${run.label}`}
            onChange={(event) => setRunVisible(run.id, event.currentTarget.checked)}
          />
          <ColorPicker
            label={run.label}
            color={run.style.color}
            shown={
              seatCount > 1 ? seedShade(run.style.color, seatIndex, seatCount) : run.style.color
            }
            dashed={run.style.dashed}
            onPick={pickColor}
          />
        </div>
      </td>
      <NameCell
        runId={run.id}
        label={run.label}
        experimentId={run.experimentId}
        imported={run.imported}
      />
      {settings.map((path) => (
        <td key={path} className="runlist-setting" data-testid="lab-run-setting" data-path={path}>
          {settingText(run.config, path)}
        </td>
      ))}
      <td>
        <span className={`runlist-status runlist-status-${run.status}`}>{run.status}</span>
        <div className="runlist-muted runlist-backend" title="backend in force when it started">
          {run.backend ?? '–'}
        </div>
        {run.message && (
          <div className="runlist-message" title={run.message}>
            {run.message}
          </div>
        )}
      </td>
      <td>
        <div className="runlist-progress">
          <progress max={total} value={run.step} aria-label={`${run.label} progress`} />
          <span className="runlist-numeric" data-testid="lab-run-step">
            {run.step} / {total}
          </span>
        </div>
      </td>
      <td className="runlist-numeric">
        {running ? (
          <>
            {formatRate(run.stepsPerSecond)}
            <div className="runlist-muted">{formatEta(total - run.step, run.stepsPerSecond)}</div>
          </>
        ) : (
          '–'
        )}
      </td>
      <td className="runlist-numeric" data-testid="lab-run-loss">
        {formatLoss(trainLoss)}
      </td>
      <td className="runlist-numeric" data-testid="lab-run-accuracy">
        {formatPercent(testAccuracy)}
      </td>
      <td>
        <RunActions runId={run.id} status={run.status} label={run.label} onEdit={onEdit} />
      </td>
    </tr>
  );
}
