/** The run table's status filter: which runs it shows, and how many it hides. Pure. */
import type { RunStatus } from '../../../shared/runStatus';
import type { RunGroup } from '../runGroups';

/** Show every run, or only the runs with one status. */
export type StatusFilter = 'all' | RunStatus;

/** The groups with only the members that pass, empty groups dropped, and how many runs were hidden. */
export function filterByStatus(
  groups: readonly RunGroup[],
  statusOf: (runId: string) => RunStatus | undefined,
  filter: StatusFilter,
): { groups: RunGroup[]; hidden: number } {
  if (filter === 'all') return { groups: [...groups], hidden: 0 };
  let hidden = 0;
  const kept: RunGroup[] = [];
  for (const group of groups) {
    const runIds = group.runIds.filter((id) => statusOf(id) === filter);
    hidden += group.runIds.length - runIds.length;
    if (runIds.length > 0) kept.push({ id: group.id, runIds });
  }
  return { groups: kept, hidden };
}

/** "1 run hidden by the filter", "3 runs hidden by the filter", or '' when none is hidden. */
export function hiddenText(hidden: number): string {
  if (hidden <= 0) return '';
  return `${hidden} ${hidden === 1 ? 'run' : 'runs'} hidden by the filter`;
}
