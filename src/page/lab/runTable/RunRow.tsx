/**
 * One run's row of the table: visibility and colour, name, its values of the differing settings,
 * status, progress, speed, latest numbers and controls. It reads only its own run from the store, so
 * a metrics event re-renders only the rows whose numbers changed.
 */
import { memo, useCallback } from 'react';
import { LiveText } from '../../panels/LiveText';
import { seedShade } from '../../../experiments/runStyles';
import { formatEta, formatPercent, formatRate } from '../../panels/format';
import { useFramePaced } from '../../panels/framePacing';
import { useLab, useLabWith } from '../../store/LabContext';
import type { RunView } from '../../store/runView';
import { lastValue } from '../../store/series';
import { ColorPicker } from './ColorPicker';
import { ACCURACY_CH, ETA_CH, LOSS_CH, PROGRESS_PX, RATE_CH, stepCh } from './columnWidths';
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

/** What a row shows of its run and its latest numbers. */
interface RowValues {
  run: RunView | undefined;
  trainLoss: number | undefined;
  testAccuracy: number | undefined;
}

const sameValues = (a: RowValues, b: RowValues) =>
  a.run === b.run &&
  Object.is(a.trainLoss, b.trainLoss) &&
  Object.is(a.testAccuracy, b.testAccuracy);

/**
 * The row of run `runId` (nothing once it is deleted). When many rows change at once, its new values
 * wait for a turn (see framePacing: a dozen rows take in new values per quarter second).
 */
export const RunRow = memo(function RunRow({ runId, ...props }: RowProps & { runId: string }) {
  const now = useLabWith(
    (s): RowValues => ({
      run: s.runs[runId],
      trainLoss: lastValue(s.series[runId]?.trainLoss),
      testAccuracy: lastValue(s.series[runId]?.testAccuracy),
    }),
    sameValues,
  );
  // A status the user asked for (Pause, Resume, Stop) comes within a frame, with the numbers it
  // came with: the row's buttons follow it.
  const { run: base, trainLoss, testAccuracy } = useFramePaced(now, newStatus);
  // What the user changes (name, visibility, colour) shows at once: a press is never paced.
  const own = useLabWith((s) => ownOf(s.runs[runId]), sameOwn);
  if (!base || !own) return null;
  const run =
    base.label === own.label && base.visible === own.visible && base.style === own.style
      ? base
      : { ...base, ...own };
  return <RunRowView run={run} trainLoss={trainLoss} testAccuracy={testAccuracy} {...props} />;
});

/**
 * Do the row's next values bring a status the user asked for (paused, stopped, or running again
 * after a pause)? Those come within a frame; a sweep's 48 runs starting or ending at once take
 * their turns like any other change.
 */
const newStatus = (shown: RowValues, next: RowValues) => {
  const [before, after] = [shown.run?.status, next.run?.status];
  return (
    before !== after &&
    (after === 'paused' || after === 'stopped' || (before === 'paused' && after === 'running'))
  );
};

/** The fields of a run the user sets from its row. */
type Own = Pick<RunView, 'label' | 'visible' | 'style'>;

const ownOf = (run: RunView | undefined): Own | undefined =>
  run && { label: run.label, visible: run.visible, style: run.style };

const sameOwn = (a: Own | undefined, b: Own | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.label === b.label &&
    a.visible === b.visible &&
    a.style === b.style);

/**
 * The row as drawn. Memoized: every streamed batch re-renders each row whose numbers changed, and
 * a row whose new values wait for a later turn (framePacing) keeps its props, so it is skipped.
 */
const RunRowView = memo(function RunRowView({
  run,
  trainLoss,
  testAccuracy,
  onEdit,
  member,
  seatIndex = 0,
  seatCount = 1,
  settings,
}: RowProps & {
  run: RunView;
  trainLoss: number | undefined;
  testAccuracy: number | undefined;
}) {
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
      <ShowCell
        runId={run.id}
        label={run.label}
        visible={run.visible}
        color={run.style.color}
        shown={seatCount > 1 ? seedShade(run.style.color, seatIndex, seatCount) : run.style.color}
        dashed={run.style.dashed}
      />
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
      <td className="runlist-clip">
        <span className={`runlist-status runlist-status-${run.status}`}>{run.status}</span>
        {/* One line under the status, so a row keeps its height: why it ended, or its backend. */}
        {run.message ? (
          <div className="runlist-message" title={run.message}>
            {run.message}
          </div>
        ) : (
          <div className="runlist-muted runlist-backend" title="backend in force when it started">
            {run.backend ?? '–'}
          </div>
        )}
      </td>
      <td>
        <LiveText width={`calc(${stepCh(total)}ch + ${PROGRESS_PX}px)`}>
          <progress max={total} value={run.step} aria-label={`${run.label} progress`} />
          <span className="runlist-step" data-testid="lab-run-step">
            {run.step} / {total}
          </span>
        </LiveText>
      </td>
      <td className="runlist-numeric">
        <LiveText width={`${RATE_CH}ch`}>{running ? formatRate(run.stepsPerSecond) : '–'}</LiveText>
        {/* Always a second line (empty once it stops), so a row keeps its height. */}
        <div className="runlist-muted">
          <LiveText width={`${ETA_CH}ch`}>
            {running ? formatEta(total - run.step, run.stepsPerSecond) : ''}
          </LiveText>
        </div>
      </td>
      <td className="runlist-numeric">
        <LiveText width={`${LOSS_CH}ch`} testId="lab-run-loss">
          {formatLoss(trainLoss)}
        </LiveText>
      </td>
      <td className="runlist-numeric">
        <LiveText width={`${ACCURACY_CH}ch`} testId="lab-run-accuracy">
          {formatPercent(testAccuracy)}
        </LiveText>
      </td>
      <td>
        <RunActions runId={run.id} status={run.status} label={run.label} onEdit={onEdit} />
      </td>
    </tr>
  );
});

/** The Show box and colour of a run: renders only when they change, not at every step. */
const ShowCell = memo(function ShowCell({
  runId,
  label,
  visible,
  color,
  shown,
  dashed,
}: {
  runId: string;
  label: string;
  visible: boolean;
  color: string;
  /** The colour drawn (a seed's shade of `color`). */
  shown: string;
  dashed: boolean;
}) {
  const setRunVisible = useLab((s) => s.setRunVisible);
  const setRunColor = useLab((s) => s.setRunColor);
  const pickColor = useCallback(
    (picked: string) => setRunColor(runId, picked),
    [setRunColor, runId],
  );
  return (
    <td>
      <div className="runlist-show">
        <input
          type="checkbox"
          checked={visible}
          aria-label={`Show ${label}`}
          onChange={(event) => setRunVisible(runId, event.currentTarget.checked)}
        />
        <ColorPicker label={label} color={color} shown={shown} dashed={dashed} onPick={pickColor} />
      </div>
    </td>
  );
});
