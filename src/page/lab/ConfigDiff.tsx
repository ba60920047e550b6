/**
 * Two runs' configurations side by side, the settings that differ marked. Which two runs is the
 * caller's (it keeps them in the URL): this view only reports picks through `onChange`.
 */
import { useMemo, useState } from 'react';
import { useLab, useLabShallow } from '../store/LabContext';
import { describePath, diffConfigs } from './configDiff';
import './configDiff.css';

export interface ConfigDiffProps {
  /** Run shown as A (null: none picked). */
  leftId: string | null;
  /** Run shown as B (null: none picked). */
  rightId: string | null;
  /** Called with both picks whenever the user changes one. */
  onChange: (left: string | null, right: string | null) => void;
}

/** "1 setting differs", "3 settings differ", or that there is nothing to tell apart. */
function summaryOf(count: number): string {
  if (count === 0) return 'The two configurations are identical';
  return count === 1 ? '1 setting differs' : `${count} settings differ`;
}

export function ConfigDiff({ leftId, rightId, onChange }: ConfigDiffProps) {
  const runOrder = useLab((s) => s.runOrder);
  const labels = useLabShallow((s) => s.runOrder.map((id) => s.runs[id]?.label ?? id));
  // A run's config never changes once it starts, so progress updates do not re-render this view.
  const leftConfig = useLab((s) => (leftId === null ? undefined : s.runs[leftId]?.config));
  const rightConfig = useLab((s) => (rightId === null ? undefined : s.runs[rightId]?.config));
  // An id that names no run (deleted, or a stale link) counts as none picked.
  const leftPick = leftConfig ? leftId : null;
  const rightPick = rightConfig ? rightId : null;
  const labelOf = (id: string | null) => (id === null ? '' : (labels[runOrder.indexOf(id)] ?? id));
  const [onlyDifferences, setOnlyDifferences] = useState(true);

  const rows = useMemo(
    () => (leftConfig && rightConfig ? diffConfigs(leftConfig, rightConfig) : []),
    [leftConfig, rightConfig],
  );

  if (runOrder.length < 2) {
    return (
      <section className="diff" data-testid="config-diff">
        <p className="diff-empty" data-testid="diff-empty">
          Start at least two runs to compare their configurations.
        </p>
      </section>
    );
  }

  const differing = rows.filter((r) => r.differs).length;
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  const pick = (side: 'left' | 'right', id: string) => {
    const picked = id === '' ? null : id;
    if (side === 'left') onChange(picked, rightPick);
    else onChange(leftPick, picked);
  };
  const options = runOrder.map((id, i) => (
    <option key={id} value={id}>
      {labels[i]}
    </option>
  ));

  return (
    <section className="diff" data-testid="config-diff">
      <div className="diff-controls">
        <label className="diff-pick">
          <span>Run A</span>
          <select
            data-testid="diff-left"
            value={leftPick ?? ''}
            onChange={(e) => pick('left', e.target.value)}
          >
            <option value="">Choose a run…</option>
            {options}
          </select>
        </label>
        <label className="diff-pick">
          <span>Run B</span>
          <select
            data-testid="diff-right"
            value={rightPick ?? ''}
            onChange={(e) => pick('right', e.target.value)}
          >
            <option value="">Choose a run…</option>
            {options}
          </select>
        </label>
        <label className="diff-toggle">
          <input
            type="checkbox"
            data-testid="diff-only-differences"
            checked={onlyDifferences}
            onChange={(e) => setOnlyDifferences(e.target.checked)}
          />
          Only differences
        </label>
      </div>
      {leftPick !== null && rightPick !== null ? (
        <>
          <p className="diff-summary" data-testid="diff-summary" role="status">
            {summaryOf(differing)}
          </p>
          {shown.length > 0 && (
            <table className="diff-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="diff-visually-hidden">Differs</span>
                  </th>
                  <th scope="col">Setting</th>
                  <th scope="col">A: {labelOf(leftPick)}</th>
                  <th scope="col">B: {labelOf(rightPick)}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => {
                  const name = describePath(row.path);
                  return (
                    <tr
                      key={row.path}
                      className={row.differs ? 'diff-row diff-row-differs' : 'diff-row'}
                      data-testid="diff-row"
                      data-path={row.path}
                      data-differs={String(row.differs)}
                    >
                      <td className="diff-mark">
                        {row.differs && (
                          <>
                            <span aria-hidden="true">≠</span>
                            <span className="diff-visually-hidden">differs</span>
                          </>
                        )}
                      </td>
                      <th scope="row" className="diff-setting">
                        {name}
                        {name !== row.path && <code className="diff-path">{row.path}</code>}
                      </th>
                      <td className="diff-value" data-testid="diff-a">
                        {row.a}
                      </td>
                      <td className="diff-value" data-testid="diff-b">
                        {row.b}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      ) : (
        <p className="diff-empty" data-testid="diff-choose">
          Choose two runs to compare their configurations.
        </p>
      )}
    </section>
  );
}
