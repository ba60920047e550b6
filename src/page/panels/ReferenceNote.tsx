/** One line under an experiment's smoothing slider: what its reference curves are, or why they are hidden. */
import type { Reference } from '../../shared/reference';

export function ReferenceNote({
  reference,
  shown,
  sweep = false,
}: {
  reference: Reference;
  /** Whether any reference run is drawn (the settings match the reference's). */
  shown: boolean;
  /** The experiment draws a sweep figure (the reference is its own figure, not dotted lines). */
  sweep?: boolean;
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
      {shown && sweep
        ? `The first figure: reference results shipped with the page, ${what} (each dot the mean ` +
          `over the seeds, the band lowest to highest; ${how}). Runs you train get a figure beside it.`
        : shown
          ? `Dotted lines: reference results shipped with the page, each run's mean over ${what} ` +
            `(faint band: lowest to highest seed; ${how}). Runs you train draw on top.`
          : `Reference results (${what}) are hidden: these settings differ from theirs.`}
    </p>
  );
}
