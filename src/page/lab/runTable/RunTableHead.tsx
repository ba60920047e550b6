/**
 * The run table's columns and header row: each column's width (see columnWidths), plain headers,
 * and sortable ones as buttons with `aria-sort`.
 */
import type { ColumnWidths } from './columnWidths';
import { NAME, STATUS, STEP, TEST_ACCURACY, TRAIN_LOSS, settingKey } from './tableColumns';
import type { SettingColumn } from './settingColumns';
import type { SortState } from './sortRuns';

/** The arrow each direction shows after a sorted column's name. */
const ARROWS = { ascending: '▲', descending: '▼' } as const;

/** A header cell that sorts by `column` when its button is pressed. */
function SortableHeader({
  column,
  label,
  title,
  sort,
  onSort,
}: {
  column: string;
  label: string;
  /** Tooltip, e.g. the setting's path. */
  title?: string;
  sort: SortState | null;
  onSort: (column: string) => void;
}) {
  const direction = sort?.column === column ? sort.direction : undefined;
  return (
    <th scope="col" aria-sort={direction} data-column={column}>
      <button
        type="button"
        className="runlist-sort"
        title={title ?? `Sort by ${label}`}
        onClick={() => onSort(column)}
      >
        {label}
        <span className="runlist-sort-arrow" aria-hidden="true">
          {direction ? ARROWS[direction] : ''}
        </span>
      </button>
    </th>
  );
}

/** How many columns the table has besides the setting columns. */
export const FIXED_COLUMN_COUNT = 8;

/** The widths of the columns, in their order; the name's column takes the rest. */
export function RunTableColumns({
  widths,
  settingCount,
}: {
  widths: ColumnWidths;
  settingCount: number;
}) {
  return (
    <colgroup>
      <col style={{ width: widths.show }} />
      <col />
      {Array.from({ length: settingCount }, (_, i) => (
        <col key={i} style={{ width: widths.setting }} />
      ))}
      <col style={{ width: widths.status }} />
      <col style={{ width: widths.step }} />
      <col style={{ width: widths.speed }} />
      <col style={{ width: widths.loss }} />
      <col style={{ width: widths.accuracy }} />
      <col style={{ width: widths.actions }} />
    </colgroup>
  );
}

/** Show, Run, one column per differing setting, Status, Step, Speed, Train loss, Test acc., Actions. */
export function RunTableHead({
  settings,
  sort,
  onSort,
}: {
  settings: readonly SettingColumn[];
  sort: SortState | null;
  onSort: (column: string) => void;
}) {
  const sortable = (column: string, label: string, title?: string) => (
    <SortableHeader
      key={column}
      column={column}
      label={label}
      title={title}
      sort={sort}
      onSort={onSort}
    />
  );
  return (
    <thead>
      <tr>
        <th scope="col">Show</th>
        {sortable(NAME, 'Run')}
        {settings.map((s) =>
          sortable(settingKey(s.path), s.name, `Sort by ${s.name} (setting ${s.path})`),
        )}
        {sortable(STATUS, 'Status')}
        {sortable(STEP, 'Step')}
        <th scope="col">Speed, ETA</th>
        {sortable(TRAIN_LOSS, 'Train loss')}
        {sortable(TEST_ACCURACY, 'Test acc.')}
        <th scope="col">Actions</th>
      </tr>
    </thead>
  );
}
