/**
 * Import runs from a JSON export (this app's or the command line's): the file is checked against
 * the exchange schema; a bad file is refused with a message naming the problem and nothing changes.
 */
import { useId, useRef, useState } from 'react';
import { MAX_IMPORT_BYTES, parseImport } from '../shared/importRuns';
import { useLab } from '../store/LabContext';

/** Notes shown after an import, at most (the rest are counted). */
const MAX_NOTES = 5;

/** One line on what an import did. */
export function importSummary(fileName: string, count: number, notes: readonly string[]): string {
  const runs = count === 1 ? '1 run' : `${count} runs`;
  const shown = notes.slice(0, MAX_NOTES).join('; ');
  const more = notes.length > MAX_NOTES ? `; +${notes.length - MAX_NOTES} more` : '';
  return `Imported ${runs} from ${fileName}${notes.length > 0 ? ` (${shown}${more})` : ''}.`;
}

export function ImportRuns() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const importRuns = useLab((s) => s.importRuns);
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
        accept="application/json,.json"
        className="visually-hidden"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Import runs (JSON)…
      </button>
      <span role="status" className="field-help" data-testid="import-status">
        {status}
      </span>
    </div>
  );
}
