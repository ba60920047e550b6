/**
 * The lab's table of every run, article and lab alike: a column per setting that differs among the
 * runs shown, sortable columns, grouping by a setting, a status filter, and seed groups under a header
 * row with their mean accuracy. Sort, grouping and filter are view state, kept here; each row reads
 * only its own run from the store, so a metrics event re-renders only the rows whose numbers changed.
 */
import { Fragment, useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import type { RunConfig } from '../../shared/runConfig';
import { settingPhrase } from '../../shared/settingNames';
import { useLab, useLabShallow } from '../store/LabContext';
import { lastValue } from '../store/series';
import { groupRuns, type RunGroup } from './runGroups';
import { RunRow } from './runTable/RunRow';
import { NO_GROUPING, RunTableControls } from './runTable/RunTableControls';
import { columnWidths } from './runTable/columnWidths';
import { FIXED_COLUMN_COUNT, RunTableColumns, RunTableHead } from './runTable/RunTableHead';
import { SeedGroup } from './runTable/SeedGroup';
import { groupablePaths, sectionGroups, type Section } from './runTable/sections';
import { settingColumns, settingText, settingValue } from './runTable/settingColumns';
import { nextSort, sortGroups, type SortState } from './runTable/sortRuns';
import { filterByStatus, type StatusFilter } from './runTable/statusFilter';
import {
  groupValueOf,
  LIVE_COLUMNS,
  settingPathOf,
  sortValue,
  STEP,
  TRAIN_LOSS,
} from './runTable/tableColumns';
import './runList.css';
import './runTable/runTable.css';

/** Shown in place of the rows while there are none. */
const EMPTY_TEXT =
  'No runs yet: configure one in the editor below and press Start, or train a section of the article.';
/** Shown in place of the rows while the status filter hides every run. */
const ALL_FILTERED_TEXT = 'No run has the status picked above.';

/** Live values read while not sorting by a live column: none. */
const NO_VALUES: (number | undefined)[] = [];

/** Per run of `order`, its value in `column` when that is a live column (steps, loss, accuracy). */
function useLiveValues(order: readonly string[], column: string | undefined) {
  return useLabShallow((s) => {
    if (column === undefined || !LIVE_COLUMNS.has(column)) return NO_VALUES;
    if (column === STEP) return order.map((id) => s.runs[id]?.step);
    const metric = column === TRAIN_LOSS ? 'trainLoss' : 'testAccuracy';
    return order.map((id) => lastValue(s.series[id]?.[metric]));
  });
}

/** "1 run", "4 runs". */
const runCount = (n: number) => `${n} ${n === 1 ? 'run' : 'runs'}`;

/** Every run in list order, seeds of one launch grouped; `onEdit` loads a run's config into the editor. */
export function RunList({ onEdit }: { onEdit: (runId: string) => void }) {
  // Deferred: new rows (8 at once from a shared link) mount in a render React can split and
  // interrupt, so the press that started them paints first.
  const order = useDeferredValue(useLab((s) => s.runOrder));
  const groupOf = useDeferredValue(
    useLabShallow((s) => s.runOrder.map((id) => s.runs[id]?.group ?? id)),
  );
  const groups = useMemo(
    () =>
      groupRuns(order, Object.fromEntries(order.map((id, i) => [id, { group: groupOf[i] ?? id }]))),
    [order, groupOf],
  );
  // A run's config never changes, and labels and statuses change rarely: progress re-renders none.
  const labels = useLabShallow((s) => order.map((id) => s.runs[id]?.label ?? ''));
  const statuses = useLabShallow((s) => order.map((id) => s.runs[id]?.status));
  const configs = useLabShallow((s) => order.map((id) => s.runs[id]?.config));
  const indexOf = useMemo(() => new Map(order.map((id, i) => [id, i])), [order]);
  const at = useCallback(
    <T,>(list: readonly T[], id: string) => list[indexOf.get(id) ?? -1],
    [indexOf],
  );

  const [filter, setFilter] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<SortState | null>(null);
  const [groupBy, setGroupBy] = useState<string>(NO_GROUPING);
  const onSort = useCallback((column: string) => setSort((s) => nextSort(s, column)), []);

  const shown = useMemo(
    () => filterByStatus(groups, (id) => at(statuses, id), filter),
    [groups, statuses, at, filter],
  );
  const columns = useMemo(
    () =>
      settingColumns(
        shown.groups.flatMap((g) =>
          g.runIds.flatMap((id): RunConfig[] => {
            const config = at(configs, id);
            return config ? [config] : [];
          }),
        ),
      ),
    [shown, configs, at],
  );
  // One array per set of columns, so that memoized rows re-render only when the columns change.
  const settingsKey = columns.shown.map((c) => c.path).join('\n');
  const settings = useMemo(() => (settingsKey ? settingsKey.split('\n') : []), [settingsKey]);
  const textOf = useCallback(
    (id: string, path: string) => {
      const config = at(configs, id);
      return config ? settingText(config, path) : '';
    },
    [configs, at],
  );
  const groupable = useMemo(() => {
    const all = [...columns.shown, ...columns.more];
    const paths = new Set(
      groupablePaths(
        all.map((c) => c.path),
        shown.groups,
        textOf,
      ),
    );
    return all.filter((c) => paths.has(c.path));
  }, [columns, shown, textOf]);
  const grouping = groupable.some((c) => c.path === groupBy) ? groupBy : NO_GROUPING;

  // A sort by a setting column that is gone (the filter left no runs that differ in it) is off.
  const sortPath = sort ? settingPathOf(sort.column) : undefined;
  const activeSort = sortPath === undefined || settings.includes(sortPath) ? sort : null;
  const live = useLiveValues(order, activeSort?.column);
  const sorted = useMemo((): RunGroup[] => {
    if (!activeSort) return shown.groups;
    const valueOf = (id: string) => {
      const config = at(configs, id);
      const status = at(statuses, id);
      if (!config || !status) return undefined;
      return sortValue(activeSort.column, {
        label: at(labels, id) ?? '',
        status,
        config,
        live: at(live, id),
      });
    };
    return sortGroups(shown.groups, valueOf, activeSort.direction, groupValueOf(activeSort.column));
  }, [activeSort, shown, configs, statuses, labels, live, at]);
  const sections = useMemo(
    (): Section[] =>
      grouping === NO_GROUPING
        ? [{ key: '', groups: sorted }]
        : sectionGroups(sorted, (id) => textOf(id, grouping)),
    [grouping, sorted, textOf],
  );
  /** Every member of each group, shown or not (a seed's shade is its place among them). */
  const members = useMemo(() => new Map(groups.map((g) => [g.id, g.runIds])), [groups]);

  const columnCount = FIXED_COLUMN_COUNT + settings.length;
  const sectionLabel = (section: Section) => {
    const first = section.groups[0]?.runIds[0] ?? '';
    const config = at(configs, first);
    const count = section.groups.reduce((n, g) => n + g.runIds.length, 0);
    const phrase = config ? settingPhrase(grouping, settingValue(config, grouping)) : section.key;
    return `${phrase} · ${runCount(count)}`;
  };
  const captionId = useId();
  const widths = columnWidths(
    settings.length,
    Math.max(0, ...configs.map((config) => config?.steps ?? 0)),
  );
  return (
    <div className="runlist" role="region" aria-labelledby={captionId} tabIndex={0}>
      <RunTableControls
        filter={filter}
        onFilter={setFilter}
        groupBy={grouping}
        groupable={groupable}
        onGroupBy={setGroupBy}
        hidden={shown.hidden}
        more={columns.more}
      />
      <div className="table-scroll">
        <table className="runlist-table" style={{ minWidth: widths.tableMin }}>
          <caption id={captionId} className="runlist-caption">
            Runs
          </caption>
          <RunTableColumns widths={widths} settingCount={settings.length} />
          <RunTableHead settings={columns.shown} sort={activeSort} onSort={onSort} />
          {sorted.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={columnCount} className="runlist-empty">
                  {groups.length === 0 ? EMPTY_TEXT : ALL_FILTERED_TEXT}
                </td>
              </tr>
            </tbody>
          ) : (
            sections.map((section) => (
              <Fragment key={section.key}>
                {grouping !== NO_GROUPING && (
                  <tbody className="runlist-section">
                    <tr data-testid="lab-section-row" data-value={section.key}>
                      <th colSpan={columnCount} scope="rowgroup">
                        {sectionLabel(section)}
                      </th>
                    </tr>
                  </tbody>
                )}
                {section.groups.map((group) => {
                  const all = members.get(group.id) ?? group.runIds;
                  return all.length > 1 ? (
                    <SeedGroup
                      key={group.id}
                      runIds={group.runIds}
                      seedsInAll={all}
                      settings={settings}
                      onEdit={onEdit}
                    />
                  ) : (
                    <tbody key={group.id}>
                      {group.runIds.map((id) => (
                        <RunRow
                          key={id}
                          runId={id}
                          onEdit={onEdit}
                          member={false}
                          settings={settings}
                        />
                      ))}
                    </tbody>
                  );
                })}
              </Fragment>
            ))
          )}
        </table>
      </div>
    </div>
  );
}
