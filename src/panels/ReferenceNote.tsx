/** One line under an experiment's smoothing slider: what its reference curves are, or why they are hidden. */
import type { Reference } from '../shared/reference';

export function ReferenceNote({
  reference,
  shown,
}: {
  reference: Reference;
  /** Whether any reference run is drawn (the settings match the reference's). */
  shown: boolean;
}) {
  const seeds = reference.runs[0]?.seeds ?? [];
  const first = seeds[0] ?? reference.settings.seed;
  const last = seeds[seeds.length - 1] ?? first;
  const what =
    `${seeds.length} seed${seeds.length === 1 ? '' : 's'} (${first}–${last}) at the default ` +
    `settings, ${reference.settings.steps} steps`;
  const how = `trained in Node on ${reference.backend}, engine ${reference.engineVersion}, ${reference.date.slice(0, 10)}`;
  return (
    <p className="chart-note" data-testid="reference-note" data-shown={shown}>
      {shown
        ? `Dotted lines: reference results shipped with the page, each run's mean over ${what} ` +
          `(faint band: lowest to highest seed; ${how}). Runs you train draw on top.`
        : `Reference results (${what}) are hidden: these settings differ from theirs.`}
    </p>
  );
}
