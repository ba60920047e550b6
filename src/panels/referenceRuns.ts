/**
 * Which runs of a reference file describe what an experiment draws: a reference run is shown
 * while some drawn (or about to be drawn) run has its exact configuration, the seed aside. Other
 * settings, or presets changed since the file was written, hide it rather than mislead.
 */
import type { Reference, ReferenceRun, SeedlessConfig } from '../shared/reference';
import type { RunConfig } from '../shared/runConfig';

/** JSON of `value` with object keys sorted at every level: equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A configuration's identity without its seed. */
export function seedlessKey(config: RunConfig | SeedlessConfig): string {
  const { seed: _, ...rest } = config as RunConfig;
  return canonicalJson(rest);
}

/** The reference's runs that some config of `drawn` matches (seed aside), in file order. */
export function matchingReferenceRuns(
  reference: Reference,
  drawn: readonly RunConfig[],
): ReferenceRun[] {
  const keys = new Set(drawn.map(seedlessKey));
  return reference.runs.filter((run) => keys.has(seedlessKey(run.config)));
}
