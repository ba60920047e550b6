/**
 * The run table's view controls: filter by status, group by a differing setting, and lines saying
 * how many runs the filter hides and which differing settings have no column.
 */
import { RUN_STATUSES, type RunStatus } from '../../../shared/runStatus';
import type { SettingColumn } from './settingColumns';
import { hiddenText, type StatusFilter } from './statusFilter';

/** The group-by choice for no grouping. */
export const NO_GROUPING = '';

/** Options' values, parsed back into a filter. */
const STATUS_OPTIONS: ReadonlySet<string> = new Set<string>(RUN_STATUSES);
const isStatus = (value: string): value is RunStatus => STATUS_OPTIONS.has(value);

export function RunTableControls({
  filter,
  onFilter,
  groupBy,
  groupable,
  onGroupBy,
  hidden,
  more,
}: {
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  /** The path grouped by, or NO_GROUPING. */
  groupBy: string;
  /** Settings that can be grouped by. */
  groupable: readonly SettingColumn[];
  onGroupBy: (path: string) => void;
  /** Runs the filter hides. */
  hidden: number;
  /** Differing settings without a column. */
  more: readonly SettingColumn[];
}) {
  const moreNames = more.map((s) => s.name).join(', ');
  return (
    <div className="runlist-controls" role="group" aria-label="Run table view">
      <label>
        Status{' '}
        <select
          value={filter}
          data-testid="lab-status-filter"
          onChange={(e) => {
            const value = e.currentTarget.value;
            onFilter(isStatus(value) ? value : 'all');
          }}
        >
          <option value="all">all</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Group by{' '}
        <select
          value={groupBy}
          data-testid="lab-group-by"
          onChange={(e) => onGroupBy(e.currentTarget.value)}
        >
          <option value={NO_GROUPING}>none</option>
          {groupable.map((s) => (
            <option key={s.path} value={s.path}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <span className="runlist-muted" role="status" data-testid="lab-hidden-runs">
        {hiddenText(hidden)}
      </span>
      {more.length > 0 && (
        <span className="runlist-muted runlist-more" title={`Also differ: ${moreNames}`}>
          {more.length} more differing {more.length === 1 ? 'setting' : 'settings'}: {moreNames}
        </span>
      )}
    </div>
  );
}
