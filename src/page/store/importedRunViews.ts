import type { RunStyle } from '../../experiments/types';
import { freeStyle, styleKey } from '../../experiments/runStyles';
import type { ImportedRun } from '../../shared/importRuns';
import { FINAL_STATUSES } from '../../shared/runStatus';
import type { RunView } from './runView';

/** Why a run that was still training when exported is not training here. */
const CUT_BY_EXPORT = 'It was still training when it was exported.';

/**
 * The page's views of runs read from an export file, ids `<prefix>-<index>`. Seed groups of the
 * file get new group ids, so they never merge with groups on the page; each group keeps its own
 * look unless a run on show (one of `taken`, as styleKey keys) or an earlier group has it, when it
 * gets a free one (`labRunCount` picks which). A run exported mid-training comes in interrupted.
 */
export function importedRunViews(
  imported: readonly ImportedRun[],
  prefix: string,
  taken: Set<string>,
  labRunCount: number,
): RunView[] {
  const groups = new Map<string, string>();
  const looks = new Map<string, RunStyle>();
  return imported.map((run, i): RunView => {
    const id = `${prefix}-${i}`;
    const wasGroup = imported.filter((r) => r.group === run.group).length > 1;
    const group = wasGroup ? (groups.get(run.group) ?? `${prefix}-g${groups.size}`) : id;
    groups.set(run.group, group);
    let style = looks.get(group);
    if (!style) {
      style = freeStyle(run.style, taken, labRunCount + looks.size);
      looks.set(group, style);
      taken.add(styleKey(style));
    }
    const cut = !FINAL_STATUSES.has(run.status);
    return {
      id,
      label: run.label,
      config: run.config,
      experimentId: run.experimentId,
      panel: '',
      style,
      panelStyle: run.style,
      visible: true,
      imported: true,
      group,
      backend: run.backend,
      status: cut ? 'interrupted' : run.status,
      message: cut ? CUT_BY_EXPORT : run.message,
      step: run.step,
      stepsPerSecond: 0,
      msPerStep: 0,
    };
  });
}
