/** A run's name cell (with inline rename) and the tag naming where a run came from. */
import { memo, useEffect, useRef, useState } from 'react';
import { EXPERIMENTS } from '../../../experiments/registry';
import { useLab } from '../../store/LabContext';
import { LAB_EXPERIMENT, MAX_LABEL_LENGTH, type RunView } from '../../store/runView';

/** Where a run came from: the article section's title for article runs, nothing for lab runs. */
export function SourceTag({
  experimentId,
  imported,
}: {
  experimentId: string;
  imported?: boolean;
}) {
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

/** The run's name, a Rename button, and in its place while renaming an input (Enter saves). */
export const NameCell = memo(function NameCell({
  runId,
  label,
  experimentId,
  imported,
}: {
  runId: string;
  label: string;
  experimentId: RunView['experimentId'];
  imported: RunView['imported'];
}) {
  const run = { id: runId, label, experimentId, imported };
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
        <div className="runlist-name-line">
          <span className="runlist-name" title={run.label}>
            {run.label}
          </span>
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
        </div>
      )}
    </th>
  );
});
