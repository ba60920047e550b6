/** "Copy link to visible runs": every visible run (a seed group as one entry with its seed count). */
import { encodeRunSet, MAX_SHARED_RUNS, type SharedSetup } from '../url/shareLink';
import { linkTo } from '../url/useSharedLink';
import { useLabShallow } from '../store/LabContext';
import { chartUnits } from './chartUnits';
import { ShareLinkButton } from './ShareLinkButton';

export function ShareRuns() {
  const { order, runs } = useLabShallow((s) => ({ order: s.runOrder, runs: s.runs }));
  const link = () => {
    const setups: SharedSetup[] = chartUnits(order, runs, true)
      .slice(0, MAX_SHARED_RUNS)
      .flatMap((unit) => {
        const first = runs[unit.runIds[0] ?? ''];
        if (!first) return [];
        const label =
          unit.runIds.length > 1 ? first.label.replace(/ · seed \d+$/, '') : first.label;
        return [{ label, config: first.config, seeds: unit.runIds.length }];
      });
    return setups.length > 0 ? linkTo(encodeRunSet(setups)) : null;
  };
  return <ShareLinkButton label="Copy link to visible runs" link={link} testId="share-runs" />;
}
