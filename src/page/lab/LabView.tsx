/**
 * The practitioner's view: an editor to configure and start runs (or sweeps), the list of every
 * run, the comparison of any metrics of the visible runs, the sweep figure (a summary per run
 * against a setting), and a diff of two runs' configurations.
 */
import { useCallback } from 'react';
import type { LabParams } from '../url/route';
import { useLabStore } from '../store/LabContext';
import { ConfigDiff } from './ConfigDiff';
import { ExportRuns } from './ExportRuns';
import { ImportRuns } from './ImportRuns';
import { ShareRuns } from './ShareRuns';
import { StorageStatus } from './StorageStatus';
import { LabComparison } from './LabComparison';
import { LocalDatasets } from './LocalDatasets';
import { RunEditor } from './RunEditor';
import { RunList } from './RunList';
import { SweepPanel } from './sweep/SweepPanel';

export function LabView({
  params,
  onChange,
}: {
  params: LabParams;
  /** New settings for the URL (replacing the history entry). */
  onChange: (next: LabParams) => void;
}) {
  // Read at the press, not subscribed: a streamed step must not re-render the whole view.
  const store = useLabStore();
  const edit = useCallback(
    (runId: string) => {
      const { runs, loadEditor } = store.getState();
      const run = runs[runId];
      if (!run) return;
      loadEditor(run.config, run.label.replace(/ · seed \d+$/, ''), 1, `run “${run.label}”`);
      document.getElementById('lab-editor')?.scrollIntoView({ block: 'start' });
    },
    [store],
  );
  return (
    <div className="lab">
      <div className="lab-runs">
        <RunList onEdit={edit} />
        <div className="lab-data-tools">
          <ExportRuns />
          <ImportRuns />
          <ShareRuns />
          <StorageStatus />
        </div>
        <LocalDatasets />
      </div>
      <div id="lab-editor" className="lab-editor-column">
        <RunEditor />
      </div>
      <div className="lab-main-column">
        <LabComparison params={params} onChange={onChange} />
        <SweepPanel />
        <details className="lab-diff" open={Boolean(params.diffA && params.diffB)}>
          <summary>
            <h2>Compare two configurations</h2>
          </summary>
          <ConfigDiff
            leftId={params.diffA}
            rightId={params.diffB}
            onChange={(diffA, diffB) => onChange({ ...params, diffA, diffB })}
          />
        </details>
      </div>
    </div>
  );
}
