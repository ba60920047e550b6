/**
 * Which runs of a reference file describe what an experiment draws: a reference run is shown
 * while some drawn (or about to be drawn) run has its exact configuration, the seed aside. Other
 * settings, or presets changed since the file was written, hide it rather than mislead.
 */
import { seedlessKey } from '../../shared/seedlessKey';
import type { Reference, ReferenceRun } from '../../shared/reference';
import type { RunConfig } from '../../shared/runConfig';

/** The reference's runs that some config of `drawn` matches (seed aside), in file order. */
export function matchingReferenceRuns(
  reference: Reference,
  drawn: readonly RunConfig[],
): ReferenceRun[] {
  const keys = new Set(drawn.map(seedlessKey));
  return reference.runs.filter((run) => keys.has(seedlessKey(run.config)));
}
