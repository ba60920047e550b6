/**
 * A run's action buttons: pause, resume, stop, restart, duplicate, reuse, and delete after asking.
 * Each is an icon with its action as tooltip and accessible name, so a row stays one line tall.
 */
import { memo, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Copy, Pause, Play, RotateCcw, Square, SquarePen, Trash2 } from 'lucide-react';
import { FINAL_STATUSES, type RunStatus } from '../../../shared/runStatus';
import { useLab, useLabShallow } from '../../store/LabContext';
import type { RunView } from '../../store/runView';

/** Runs that ended without finishing can be trained again from the start. */
const RESTARTABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'stopped', 'failed']);

/** Size of an action's icon, CSS px. */
const ICON_PX = 14;

/**
 * The icons, made once: the same element at every render lets React skip it, where a new one
 * rebuilt its SVG (48 rows whose status changed together spent ~10 ms in the icons alone).
 */
const ICONS = {
  pause: <Pause size={ICON_PX} />,
  play: <Play size={ICON_PX} />,
  stop: <Square size={ICON_PX} />,
  restart: <RotateCcw size={ICON_PX} />,
  duplicate: <Copy size={ICON_PX} />,
  reuse: <SquarePen size={ICON_PX} />,
  delete: <Trash2 size={ICON_PX} />,
};

/** An action as an icon button: `action` is its tooltip's first word, `label` its accessible name. */
function ActionButton({
  action,
  label,
  hint,
  icon,
  onClick,
  buttonRef,
}: {
  action: string;
  label: string;
  /** What it does, after the action in the tooltip. */
  hint?: string;
  icon: ReactNode;
  onClick: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className="runlist-icon"
      data-action={action}
      aria-label={label}
      title={hint ? `${action}: ${hint}` : action}
      onClick={onClick}
    >
      {icon}
    </button>
  );
}

/**
 * Pause/Resume/Stop while it trains, then Duplicate, Reuse and a Delete that asks first. It
 * re-renders only when its status or name changes, not at every step.
 */
export const RunActions = memo(function RunActions({
  runId,
  status,
  label,
  onEdit,
}: {
  runId: string;
  status: RunView['status'];
  label: string;
  onEdit: (runId: string) => void;
}) {
  const run = { id: runId, status, label };
  const {
    pauseRun,
    resumeRun,
    stopRun,
    duplicateRun,
    deleteRun,
    restartRun,
    resumeFromCheckpoint,
  } = useLabShallow((s) => ({
    pauseRun: s.pauseRun,
    resumeRun: s.resumeRun,
    stopRun: s.stopRun,
    duplicateRun: s.duplicateRun,
    deleteRun: s.deleteRun,
    restartRun: s.restartRun,
    resumeFromCheckpoint: s.resumeFromCheckpoint,
  }));
  const checkpointStep = useLab((s) => s.checkpoints[run.id]?.step);
  /** Trained by another tab of this browser: it is controlled there. */
  const elsewhere = useLab((s) => s.elsewhere[run.id] !== undefined);
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

  const active = !elsewhere && (run.status === 'running' || run.status === 'queued');
  const final = FINAL_STATUSES.has(run.status);
  const name = run.label;
  return (
    <div className="runlist-actions">
      {active && (
        <ActionButton
          action="Pause"
          label={`Pause ${name}`}
          icon={ICONS.pause}
          onClick={() => pauseRun(run.id)}
        />
      )}
      {elsewhere && (
        <span
          className="runlist-elsewhere"
          title="Pause or stop it in the tab that trains it; if that tab closes, it can resume here"
        >
          In another tab
        </span>
      )}
      {!elsewhere && run.status === 'paused' && (
        <ActionButton
          action="Resume"
          label={`Resume ${name}`}
          icon={ICONS.play}
          onClick={() => resumeRun(run.id)}
        />
      )}
      {!final && !elsewhere && (
        <ActionButton
          action="Stop"
          label={`Stop ${name}`}
          hint="end it here, keeping its points so far"
          icon={ICONS.stop}
          onClick={() => stopRun(run.id)}
        />
      )}
      {run.status === 'interrupted' && checkpointStep !== undefined && (
        <ActionButton
          action="Resume"
          label={`Resume ${name} from step ${checkpointStep}`}
          hint={`continue from its last checkpoint, step ${checkpointStep}`}
          icon={ICONS.play}
          onClick={() => resumeFromCheckpoint(run.id)}
        />
      )}
      {RESTARTABLE.has(run.status) && (
        <ActionButton
          action="Restart"
          label={`Restart ${name}`}
          hint="train it again from step 0 (its points so far are replaced)"
          icon={ICONS.restart}
          onClick={() => restartRun(run.id)}
        />
      )}
      <ActionButton
        action="Duplicate"
        label={`Duplicate ${name}`}
        hint="a copy with the same settings, trained from step 0"
        icon={ICONS.duplicate}
        onClick={() => duplicateRun(run.id)}
      />
      <ActionButton
        action="Reuse"
        label={`Reuse the settings of ${name} in the editor`}
        hint="load its settings into the editor, to start a changed copy"
        icon={ICONS.reuse}
        onClick={() => onEdit(run.id)}
      />
      {confirming ? (
        <>
          <button
            type="button"
            className="runlist-danger"
            data-action="Confirm delete"
            aria-label={`Confirm delete ${name}`}
            onClick={() => deleteRun(run.id)}
          >
            Confirm delete
          </button>
          <button
            ref={cancelRef}
            type="button"
            data-action="Cancel"
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
        <ActionButton
          buttonRef={deleteRef}
          action="Delete"
          label={`Delete ${name}`}
          hint="asks before it deletes"
          icon={ICONS.delete}
          onClick={() => {
            focusNext.current = 'cancel';
            setConfirming(true);
          }}
        />
      )}
    </div>
  );
});
