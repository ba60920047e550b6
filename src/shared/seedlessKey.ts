/**
 * A configuration's identity with its seed left out: runs that differ only in seed (one seed
 * group, a reference run and its live twin) get the same key, whatever the order of their fields.
 */
import type { SeedlessConfig } from './reference';
import type { RunConfig } from './runConfig';

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
