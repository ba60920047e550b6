/**
 * Partial run configs merged over the defaults, and fields named by dotted paths
 * ("model.normalization"), as config and sweep files write them. Unknown fields are refused rather
 * than dropped, so a typo never trains the default silently.
 */
import { DEFAULT_RUN_CONFIG } from '../shared/runConfig';
import { UsageError } from './errors';

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields allowed beside `path` ("model" -> its keys), for messages. */
function fieldsAt(defaults: JsonObject, path: string): string {
  const where = path ? `${path}'s fields are` : 'the fields are';
  return `${where} ${Object.keys(defaults).join(', ')}`;
}

function mergeInto(defaults: JsonObject, partial: JsonObject, prefix: string, source: string) {
  const out: JsonObject = { ...defaults };
  for (const [key, value] of Object.entries(partial)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.hasOwn(defaults, key)) {
      throw new UsageError(`${source}: unknown field "${path}" (${fieldsAt(defaults, prefix)})`);
    }
    const base = defaults[key];
    out[key] = isObject(base) && isObject(value) ? mergeInto(base, value, path, source) : value;
  }
  return out;
}

/**
 * `partial` (a full config or any part of one) over DEFAULT_RUN_CONFIG: objects merge field by
 * field, arrays and values replace. Not validated here (checkRunConfig does that with every run).
 */
export function mergeOverDefaults(partial: unknown, source: string): unknown {
  if (!isObject(partial)) throw new UsageError(`${source}: a run config must be a JSON object`);
  return mergeInto(structuredClone(DEFAULT_RUN_CONFIG), partial, '', source);
}

/** Throws unless `path` names a field of a run config ("learningRate", "model.noise.meanRange"). */
export function checkPath(path: string, source: string): void {
  let node: unknown = DEFAULT_RUN_CONFIG;
  let prefix = '';
  for (const key of path.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, key)) {
      const hint = isObject(node) ? ` (${fieldsAt(node, prefix)})` : '';
      throw new UsageError(`${source}: unknown field "${path}"${hint}`);
    }
    node = node[key];
    prefix = prefix ? `${prefix}.${key}` : key;
  }
}

/** A copy of `config` with the field at `path` (checked with checkPath) set to `value`. */
export function withPath(config: unknown, path: string, value: unknown): unknown {
  const out = structuredClone(config) as JsonObject;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = out;
  for (const key of keys) {
    const next = node[key];
    if (!isObject(next)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[last] = structuredClone(value);
  return out;
}
