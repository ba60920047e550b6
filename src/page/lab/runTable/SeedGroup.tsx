/**
 * A seed group of the run table: a header row (name and count, visibility and colour of all, the
 * members' shared settings, their statuses and mean accuracy), then its members unless collapsed.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { RunConfig } from '../../../shared/runConfig';
import { statusSummary, type RunStatus } from '../../../shared/runStatus';
import { LiveText } from '../../panels/LiveText';
import { useLab, useLabShallow } from '../../store/LabContext';
import { LAB_EXPERIMENT } from '../../store/runView';
import { lastValue } from '../../store/series';
import { groupName, meanAndSd, type MeanAndSd } from '../runGroups';
import { ColorPicker } from './ColorPicker';
import { GROUP_ACCURACY_CH } from './columnWidths';
import { SourceTag } from './NameCell';
import { RunRow } from './RunRow';
import { sharedText } from './settingColumns';

/**
 * A mean and sd of fractions as "92.0 ± 1.6%"; while only 2 of 3 seeds have reported, their mean
 * and count, "92.0% (2/3)"; "–" with none.
 */
function formatPercentSpread(stats: MeanAndSd | null, seeds: number): string {
  if (!stats) return '–';
  const mean = (stats.mean * 100).toFixed(1);
  return stats.n < seeds
    ? `${mean}% (${stats.n}/${seeds})`
    : `${mean} ± ${(stats.sd * 100).toFixed(1)}%`;
}

/** "1 seed", "3 seeds". */
const seedCount = (n: number) => `${n} ${n === 1 ? 'seed' : 'seeds'}`;

/** The header row of a seed group: name and count, visibility and colour of all, mean accuracy. */
function GroupHeader({
  runIds,
  settings,
  collapsed,
  onToggle,
}: {
  runIds: readonly string[];
  settings: readonly string[];
  collapsed: boolean;
  onToggle: () => void;
}) {
  const labels = useLabShallow((s) => runIds.map((id) => s.runs[id]?.label ?? ''));
  const visible = useLabShallow((s) => runIds.map((id) => s.runs[id]?.visible ?? false));
  const configs = useLabShallow((s) =>
    runIds.flatMap((id): RunConfig[] => {
      const config = s.runs[id]?.config;
      return config ? [config] : [];
    }),
  );
  const statuses = useLabShallow((s) =>
    runIds.flatMap((id): RunStatus[] => {
      const status = s.runs[id]?.status;
      return status ? [status] : [];
    }),
  );
  const accuracies = useLabShallow((s) =>
    runIds.map((id) => lastValue(s.series[id]?.testAccuracy)),
  );
  const first = runIds[0] ?? '';
  const style = useLab((s) => s.runs[first]?.style);
  const experimentId = useLab((s) => s.runs[first]?.experimentId ?? LAB_EXPERIMENT);
  const setRunVisible = useLab((s) => s.setRunVisible);
  const setRunColor = useLab((s) => s.setRunColor);

  const checkboxRef = useRef<HTMLInputElement>(null);
  const allVisible = visible.every(Boolean);
  const someVisible = visible.some(Boolean);
  useEffect(() => {
    if (checkboxRef.current) checkboxRef.current.indeterminate = someVisible && !allVisible;
  }, [someVisible, allVisible]);

  const name = groupName(labels);
  const reported = accuracies.filter((a): a is number => a !== undefined && Number.isFinite(a));
  const stats = meanAndSd(reported);
  return (
    <tr data-testid="lab-group-row" data-group={name} className="runlist-group-row">
      <td>
        <div className="runlist-show">
          <input
            ref={checkboxRef}
            type="checkbox"
            checked={allVisible}
            aria-label={`Show all seeds of ${name}`}
            onChange={() => runIds.forEach((id) => setRunVisible(id, !allVisible))}
          />
          {style && (
            <ColorPicker
              label={`all seeds of ${name}`}
              color={style.color}
              dashed={style.dashed}
              onPick={(color) => runIds.forEach((id) => setRunColor(id, color))}
            />
          )}
        </div>
      </td>
      <th scope="rowgroup" className="runlist-name-cell">
        <div className="runlist-name-line">
          <button
            type="button"
            className="runlist-toggle"
            aria-expanded={!collapsed}
            aria-label={`Seeds of ${name}`}
            onClick={onToggle}
          >
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
          <span className="runlist-name runlist-group-name" title={name}>
            {name} · {seedCount(runIds.length)}
          </span>
          <SourceTag experimentId={experimentId} />
        </div>
      </th>
      {settings.map((path) => (
        <td key={path} className="runlist-setting runlist-muted">
          {sharedText(configs, path)}
        </td>
      ))}
      <td className="runlist-group-status runlist-clip" title={statusSummary(statuses)}>
        {statusSummary(statuses)}
      </td>
      <td />
      <td />
      <td />
      <td
        className="runlist-numeric"
        data-testid="lab-group-accuracy"
        title="Mean ± standard deviation of the seeds' last test accuracy (until every seed has one: the mean of those that have, and how many, e.g. 2/3)"
      >
        <LiveText width={`${GROUP_ACCURACY_CH}ch`}>
          {formatPercentSpread(stats, runIds.length)}
        </LiveText>
      </td>
      <td />
    </tr>
  );
}

/** A seed group: its header row, then its members (the ones the filter shows) unless collapsed. */
export const SeedGroup = memo(function SeedGroup({
  runIds,
  seedsInAll,
  settings,
  onEdit,
}: {
  /** The members shown, in list order. */
  runIds: readonly string[];
  /** Every member, shown or not: a seed's shade is its place among them. */
  seedsInAll: readonly string[];
  settings: readonly string[];
  onEdit: (runId: string) => void;
}) {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <tbody className="runlist-group">
      <GroupHeader
        runIds={runIds}
        settings={settings}
        collapsed={collapsed}
        onToggle={() => setCollapsed((c) => !c)}
      />
      {!collapsed &&
        runIds.map((id) => (
          <RunRow
            key={id}
            runId={id}
            onEdit={onEdit}
            member={true}
            seatIndex={seedsInAll.indexOf(id)}
            seatCount={seedsInAll.length}
            settings={settings}
          />
        ))}
    </tbody>
  );
});
