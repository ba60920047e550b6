/**
 * Import runs from a JSON export (this app's or the command line's), or open a checkpoint file
 * (`bnlab checkpoint`) as a run to resume: the file is checked first; a bad file is refused with a
 * message naming the problem and nothing changes.
 */
import { useId, useRef, useState } from 'react';
import { CHECKPOINT_MAGIC, decodeCheckpointFile } from '../../shared/checkpointFile';
import { MAX_IMPORT_BYTES, parseImport } from '../../shared/importRuns';
import { useLab } from '../store/LabContext';

/** Notes shown after an import, at most (the rest are counted). */
const MAX_NOTES = 5;

/** One line on what an import did. */
function importSummary(fileName: string, count: number, notes: readonly string[]): string {
  const runs = count === 1 ? '1 run' : `${count} runs`;
  const shown = notes.slice(0, MAX_NOTES).join('; ');
  const more = notes.length > MAX_NOTES ? `; +${notes.length - MAX_NOTES} more` : '';
  return `Imported ${runs} from ${fileName}${notes.length > 0 ? ` (${shown}${more})` : ''}.`;
}

/** Is this a checkpoint file (by its first bytes, whatever its name)? */
async function isCheckpointFile(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, CHECKPOINT_MAGIC.length).arrayBuffer());
  return String.fromCharCode(...head) === CHECKPOINT_MAGIC;
}

export function ImportRuns() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const importRuns = useLab((s) => s.importRuns);
  const openCheckpoint = useLab((s) => s.openCheckpoint);
  const notify = useLab((s) => s.notify);
  const [status, setStatus] = useState('');

  const read = async (file: File) => {
    if (file.size > MAX_IMPORT_BYTES) {
      notify(
        `${file.name} was not imported: it is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1e6} MB.`,
      );
      return;
    }
    setStatus(`Reading ${file.name}…`);
    if (await isCheckpointFile(file)) {
      try {
        const { checkpoint, config } = decodeCheckpointFile(
          new Uint8Array(await file.arrayBuffer()),
        );
        openCheckpoint(file.name.replace(/\.bnlabck$/, ''), config, checkpoint);
        setStatus(
          `Opened ${file.name} at step ${checkpoint.step}: press Resume on its run to train on.`,
        );
      } catch (error) {
        setStatus('');
        notify(`${file.name} was not opened: ${(error as Error).message}`);
      }
      return;
    }
    const result = parseImport(await file.text());
    if (!result.ok) {
      setStatus('');
      notify(`${file.name} was not imported: ${result.message}`);
      return;
    }
    const ids = importRuns(result.runs);
    setStatus(importSummary(file.name, ids.length, result.notes));
  };

  return (
    <div className="import-runs">
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="application/json,.json,.bnlabck"
        className="visually-hidden"
        aria-label="File of runs (JSON) or a checkpoint (.bnlabck) to import"
        tabIndex={-1}
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Import runs or a checkpoint…
      </button>
      <span role="status" className="field-help" data-testid="import-status">
        {status}
      </span>
    </div>
  );
}
