/**
 * The lab's list of every run, article and lab alike: seed groups under a header row with their mean
 * accuracy, and per run its visibility, colour, name, status, progress, latest numbers and controls.
 * Each row reads only its own run from the store, so a metrics event re-renders only the rows whose
 * numbers changed.
 */
import {
  type KeyboardEvent,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { OKABE_ITO, TOL_MUTED } from '../experiments/palette';
import { EXPERIMENTS } from '../experiments/registry';
import { formatEta, formatPercent, formatRate } from '../panels/format';
import { FINAL_STATUSES, type RunStatus } from '../shared/runStatus';
import { useLab } from '../store/LabContext';
import { RUN_COLORS, seedShade } from '../experiments/runStyles';
import { LAB_EXPERIMENT, MAX_LABEL_LENGTH, type RunView } from '../store/runsSlice';
import { lastValue } from '../store/series';
import { statusSummary } from '../shared/runStatus';
import { groupName, groupRuns, meanAndSd, type MeanAndSd } from './runGroups';
import './runList.css';

/** Shown in place of the rows while there are none. */
const EMPTY_TEXT =
  'No runs yet: configure one in the editor below and press Start, or train a section of the article.';

/** Runs that ended without finishing can be trained again from the start. */
const RESTARTABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'stopped', 'failed']);

const COLUMNS = [
  'Show',
  'Run',
  'Status',
  'Step',
  'Speed, ETA',
  'Train loss',
  'Test acc.',
  'Actions',
] as const;

/** Palette colour names by lower-case hex ("sky blue" for #56b4e9). */
const COLOR_NAMES = new Map<string, string>(
  Object.entries({ ...OKABE_ITO, ...TOL_MUTED }).map(([name, hex]) => [
    hex.toLowerCase(),
    name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`),
  ]),
);

/** A colour's name for labels, or its hex code when it is not one of the palette's. */
function colorName(color: string): string {
  return COLOR_NAMES.get(color.toLowerCase()) ?? color;
}

/** A loss with three significant digits, or "–". */
function formatLoss(loss: number | undefined): string {
  return loss === undefined || !Number.isFinite(loss) ? '–' : loss.toPrecision(3);
}

/** A mean and sd of fractions as "92.0 ± 1.6%", or "–". */
function formatPercentSpread(stats: MeanAndSd | null): string {
  return stats ? `${(stats.mean * 100).toFixed(1)} ± ${(stats.sd * 100).toFixed(1)}%` : '–';
}

/** Where a run came from: the article section's title for article runs, nothing for lab runs. */
function SourceTag({ experimentId, imported }: { experimentId: string; imported?: boolean }) {
  if (imported)
    return (
      <span className="runlist-source" title="Read from an exported file">
        imported
      </span>
    );
  if (experimentId === LAB_EXPERIMENT) return null;
  const title = EXPERIMENTS[experimentId]?.title ?? experimentId;
  return (
    <span className="runlist-source" title={`Started by the article section “${title}”`}>
      {title}
    </span>
  );
}

/** How far each arrow key moves focus along the palette. */
const PALETTE_MOVES: Record<string, number | undefined> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
};

/** A swatch button that opens the run colours as a row of buttons (arrow keys move, Escape closes). */
function ColorPicker({
  label,
  color,
  shown = color,
  dashed,
  onPick,
}: {
  /** Name of what is coloured, for the buttons' labels. */
  label: string;
  color: string;
  /** The colour its line is drawn in, when not `color` (a seed's shade of its group's colour). */
  shown?: string;
  dashed: boolean;
  onPick: (color: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const paletteId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const paletteRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const palette = paletteRef.current;
    (
      palette?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ??
      palette?.querySelector<HTMLButtonElement>('button')
    )?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  const onPaletteKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(event.currentTarget.querySelectorAll('button'));
    const at = buttons.findIndex((b) => b === document.activeElement);
    const move = PALETTE_MOVES[event.key];
    const target =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : move === undefined
            ? null
            : (at + move + buttons.length) % buttons.length;
    if (target === null) return;
    event.preventDefault();
    buttons[target]?.focus();
  };

  return (
    <div
      className="runlist-color"
      // Clicks inside keep focus where it is: some browsers do not focus a clicked button, and the
      // blur that would follow would close the palette before the click lands.
      onMouseDown={(event) => event.preventDefault()}
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
      onKeyDown={(event) => {
        if (open && event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        className="runlist-swatch-button"
        aria-expanded={open}
        aria-controls={open ? paletteId : undefined}
        aria-label={`Colour of ${label}: ${colorName(color)}${dashed ? ', dashed' : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span
          className={`runlist-swatch${dashed ? ' runlist-swatch-dashed' : ''}`}
          style={{ borderColor: shown }}
          aria-hidden="true"
        />
      </button>
      {open && (
        <div
          ref={paletteRef}
          id={paletteId}
          role="group"
          aria-label={`Colours for ${label}`}
          className="runlist-palette"
          onKeyDown={onPaletteKey}
        >
          {RUN_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className="runlist-palette-swatch"
              style={{ backgroundColor: c }}
              aria-label={colorName(c)}
              aria-pressed={c.toLowerCase() === color.toLowerCase()}
              onClick={() => {
                onPick(c);
                close();
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}

/** The run's name, a Rename button, and in its place while renaming an input (Enter saves). */
function NameCell({ run }: { run: RunView }) {
  const renameRun = useLab((s) => s.renameRun);
  const [editing, setEditing] = useState(false);
  const renameRef = useRef<HTMLButtonElement>(null);
  /** Set once an edit ends, so the blur that follows an Enter or Escape does nothing. */
  const finished = useRef(false);
  const refocus = useRef(false);

  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    renameRef.current?.focus();
  }, [editing]);

  /** End the edit, saving `name` unless it is null. */
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    if (name !== null && name !== run.label) renameRun(run.id, name);
    setEditing(false);
  };

  return (
    <th scope="row" className="runlist-name-cell">
      {editing ? (
        <input
          className="runlist-name-input"
          defaultValue={run.label}
          maxLength={MAX_LABEL_LENGTH}
          aria-label={`New name for ${run.label}`}
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          onBlur={(event) => finish(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              refocus.current = true;
              finish(event.currentTarget.value);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              refocus.current = true;
              finish(null);
            }
          }}
        />
      ) : (
        <>
          <span className="runlist-name">{run.label}</span>
          <SourceTag experimentId={run.experimentId} imported={run.imported} />
          <button
            ref={renameRef}
            type="button"
            className="runlist-link"
            aria-label={`Rename ${run.label}`}
            title="Rename"
            onClick={() => {
              finished.current = false;
              setEditing(true);
            }}
          >
            <span aria-hidden="true">✎</span>
          </button>
        </>
      )}
    </th>
  );
}

/** Pause/Resume/Stop while it trains, then Duplicate, Edit and a Delete that asks first. */
function RunActions({ run, onEdit }: { run: RunView; onEdit: (runId: string) => void }) {
  const {
    pauseRun,
    resumeRun,
    stopRun,
    duplicateRun,
    deleteRun,
    restartRun,
    resumeFromCheckpoint,
  } = useLab(
    useShallow((s) => ({
      pauseRun: s.pauseRun,
      resumeRun: s.resumeRun,
      stopRun: s.stopRun,
      duplicateRun: s.duplicateRun,
      deleteRun: s.deleteRun,
      restartRun: s.restartRun,
      resumeFromCheckpoint: s.resumeFromCheckpoint,
    })),
  );
  const checkpointStep = useLab((s) => s.checkpoints[run.id]?.step);
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes after the confirmation opens or closes; null leaves it be. */
  const focusNext = useRef<'cancel' | 'delete' | null>(null);

  useEffect(() => {
    const target = focusNext.current === 'cancel' ? cancelRef : deleteRef;
    if (focusNext.current) target.current?.focus();
    focusNext.current = null;
  }, [confirming]);

  const active = run.status === 'running' || run.status === 'queued';
  const final = FINAL_STATUSES.has(run.status);
  const name = run.label;
  return (
    <div className="runlist-actions">
      {active && (
        <button type="button" aria-label={`Pause ${name}`} onClick={() => pauseRun(run.id)}>
          Pause
        </button>
      )}
      {run.status === 'paused' && (
        <button type="button" aria-label={`Resume ${name}`} onClick={() => resumeRun(run.id)}>
          Resume
        </button>
      )}
      {!final && (
        <button type="button" aria-label={`Stop ${name}`} onClick={() => stopRun(run.id)}>
          Stop
        </button>
      )}
      {run.status === 'interrupted' && checkpointStep !== undefined && (
        <button
          type="button"
          aria-label={`Resume ${name} from step ${checkpointStep}`}
          title={`Continue from its last checkpoint, step ${checkpointStep}`}
          onClick={() => resumeFromCheckpoint(run.id)}
        >
          Resume
        </button>
      )}
      {RESTARTABLE.has(run.status) && (
        <button
          type="button"
          aria-label={`Restart ${name}`}
          title="Train it again from step 0 (its points so far are replaced)"
          onClick={() => restartRun(run.id)}
        >
          Restart
        </button>
      )}
      <button type="button" aria-label={`Duplicate ${name}`} onClick={() => duplicateRun(run.id)}>
        Duplicate
      </button>
      <button
        type="button"
        aria-label={`Reuse the settings of ${name} in the editor`}
        title="Load its settings into the editor, to start a changed copy"
        onClick={() => onEdit(run.id)}
      >
        Reuse
      </button>
      {confirming ? (
        <>
          <button
            type="button"
            className="runlist-danger"
            aria-label={`Confirm delete ${name}`}
            onClick={() => deleteRun(run.id)}
          >
            Confirm delete
          </button>
          <button
            ref={cancelRef}
            type="button"
            aria-label={`Cancel deleting ${name}`}
            onClick={() => {
              focusNext.current = 'delete';
              setConfirming(false);
            }}
          >
            Cancel
          </button>
        </>
      ) : (
        <button
          ref={deleteRef}
          type="button"
          aria-label={`Delete ${name}`}
          onClick={() => {
            focusNext.current = 'cancel';
            setConfirming(true);
          }}
        >
          Delete
        </button>
      )}
    </div>
  );
}

interface RowProps {
  onEdit: (runId: string) => void;
  /** A seed of a group (drawn indented under its header). */
  member: boolean;
  /** Its place among the group's seeds and their number, for its shade of the group's colour. */
  seat?: [number, number];
}

function RunRow({ runId, ...props }: RowProps & { runId: string }) {
  const run = useLab((s) => s.runs[runId]);
  if (!run) return null;
  return <RunRowView run={run} {...props} />;
}

function RunRowView({ run, onEdit, member, seat }: RowProps & { run: RunView }) {
  const trainLoss = useLab((s) => lastValue(s.series[run.id]?.trainLoss));
  const testAccuracy = useLab((s) => lastValue(s.series[run.id]?.testAccuracy));
  const setRunVisible = useLab((s) => s.setRunVisible);
  const setRunColor = useLab((s) => s.setRunColor);
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
            shown={seat ? seedShade(run.style.color, ...seat) : run.style.color}
            dashed={run.style.dashed}
            onPick={(color) => setRunColor(run.id, color)}
          />
        </div>
      </td>
      <NameCell run={run} />
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
        <RunActions run={run} onEdit={onEdit} />
      </td>
    </tr>
  );
}

/** The header row of a seed group: name and count, visibility and colour of all, mean accuracy. */
function GroupHeader({
  runIds,
  collapsed,
  onToggle,
}: {
  runIds: string[];
  collapsed: boolean;
  onToggle: () => void;
}) {
  const labels = useLab(useShallow((s) => runIds.map((id) => s.runs[id]?.label ?? '')));
  const visible = useLab(useShallow((s) => runIds.map((id) => s.runs[id]?.visible ?? false)));
  const statuses = useLab(
    useShallow((s) =>
      runIds.flatMap((id): RunStatus[] => {
        const status = s.runs[id]?.status;
        return status ? [status] : [];
      }),
    ),
  );
  const accuracies = useLab(
    useShallow((s) => runIds.map((id) => lastValue(s.series[id]?.testAccuracy))),
  );
  const first = runIds[0] ?? '';
  const style = useLab((s) => s.runs[first]?.style);
  const experimentId = useLab((s) => s.runs[first]?.experimentId ?? LAB_EXPERIMENT);
  const setRunVisible = useLab((s) => s.setRunVisible);
  const setRunColor = useLab((s) => s.setRunColor);

  const checkboxRef = useRef<HTMLInputElement>(null);
  const allVisible = visible.every(Boolean);
  const someVisible = visible.some(Boolean);
  useEffect(() => {
    if (checkboxRef.current) checkboxRef.current.indeterminate = someVisible && !allVisible;
  }, [someVisible, allVisible]);

  const name = groupName(labels);
  const reported = accuracies.filter((a): a is number => a !== undefined && Number.isFinite(a));
  const stats = meanAndSd(reported);
  return (
    <tr data-testid="lab-group-row" data-group={name} className="runlist-group-row">
      <td>
        <div className="runlist-show">
          <input
            ref={checkboxRef}
            type="checkbox"
            checked={allVisible}
            aria-label={`Show all seeds of ${name}`}
            onChange={() => runIds.forEach((id) => setRunVisible(id, !allVisible))}
          />
          {style && (
            <ColorPicker
              label={`all seeds of ${name}`}
              color={style.color}
              dashed={style.dashed}
              onPick={(color) => runIds.forEach((id) => setRunColor(id, color))}
            />
          )}
        </div>
      </td>
      <th scope="rowgroup" className="runlist-name-cell">
        <button
          type="button"
          className="runlist-toggle"
          aria-expanded={!collapsed}
          aria-label={`Seeds of ${name}`}
          onClick={onToggle}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
        </button>
        <span className="runlist-name runlist-group-name">
          {name} · {runIds.length} seeds
        </span>
        <SourceTag experimentId={experimentId} />
      </th>
      <td className="runlist-group-status">{statusSummary(statuses)}</td>
      <td />
      <td />
      <td />
      <td
        className="runlist-numeric"
        data-testid="lab-group-accuracy"
        title="Mean ± standard deviation of the seeds' last test accuracy"
      >
        {formatPercentSpread(stats)}
        {stats && stats.n < runIds.length && (
          <span className="runlist-muted">
            {' '}
            ({stats.n} of {runIds.length})
          </span>
        )}
      </td>
      <td />
    </tr>
  );
}

/** A seed group: its header row, then its members unless collapsed. */
function SeedGroup({ runIds, onEdit }: { runIds: string[]; onEdit: (runId: string) => void }) {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <tbody className="runlist-group">
      <GroupHeader runIds={runIds} collapsed={collapsed} onToggle={() => setCollapsed((c) => !c)} />
      {!collapsed &&
        runIds.map((id, i) => (
          <RunRow key={id} runId={id} onEdit={onEdit} member={true} seat={[i, runIds.length]} />
        ))}
    </tbody>
  );
}

/** Every run in list order, seeds of one launch grouped; `onEdit` loads a run's config into the editor. */
export function RunList({ onEdit }: { onEdit: (runId: string) => void }) {
  // Deferred: new rows (8 at once from a shared link) mount in a render React can split and
  // interrupt, so the press that started them paints first.
  const order = useDeferredValue(useLab((s) => s.runOrder));
  const groupOf = useDeferredValue(
    useLab(useShallow((s) => s.runOrder.map((id) => s.runs[id]?.group ?? id))),
  );
  const groups = useMemo(
    () =>
      groupRuns(order, Object.fromEntries(order.map((id, i) => [id, { group: groupOf[i] ?? id }]))),
    [order, groupOf],
  );
  const captionId = useId();
  return (
    <div className="runlist" role="region" aria-labelledby={captionId} tabIndex={0}>
      <div className="table-scroll">
        <table className="runlist-table">
          <caption id={captionId} className="runlist-caption">
            Runs
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          {groups.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={COLUMNS.length} className="runlist-empty">
                  {EMPTY_TEXT}
                </td>
              </tr>
            </tbody>
          ) : (
            groups.map((group) =>
              group.runIds.length > 1 ? (
                <SeedGroup key={group.id} runIds={group.runIds} onEdit={onEdit} />
              ) : (
                <tbody key={group.id}>
                  {group.runIds.map((id) => (
                    <RunRow key={id} runId={id} onEdit={onEdit} member={false} />
                  ))}
                </tbody>
              ),
            )
          )}
        </table>
      </div>
    </div>
  );
}
