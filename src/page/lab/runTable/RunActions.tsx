/** A run's action buttons: pause, resume, stop, restart, duplicate, reuse, and delete after asking. */
import { memo, useEffect, useRef, useState } from 'react';
import { FINAL_STATUSES, type RunStatus } from '../../../shared/runStatus';
import { useLab, useLabShallow } from '../../store/LabContext';
import type { RunView } from '../../store/runView';

/** Runs that ended without finishing can be trained again from the start. */
const RESTARTABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'stopped', 'failed']);

/** Pause/Resume/Stop while it trains, then Duplicate, Edit and a Delete that asks first. */
/** The buttons of one run; it re-renders only when its status or name changes, not at every step. */
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
        <button type="button" aria-label={`Pause ${name}`} onClick={() => pauseRun(run.id)}>
          Pause
        </button>
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
        <button type="button" aria-label={`Resume ${name}`} onClick={() => resumeRun(run.id)}>
          Resume
        </button>
      )}
      {!final && !elsewhere && (
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
});
