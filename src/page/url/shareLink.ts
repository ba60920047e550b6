/**
 * Setups in links. One run's setup is written as readable pairs when it differs from the defaults
 * only in common settings (`#/lab?new=lr:0.5,norm:batchnorm,seed:3`), else compressed
 * (`newz=…`, lz-string); a set of runs for a comparison is always compressed (`runs=…`).
 * Links hold only what differs from the defaults, so they stay short and survive new defaults
 * only where the user changed something.
 */
// lz-string is CommonJS: its default export works in Vite, vitest and plain Node (the benchmark).
import LZString from 'lz-string';
import { checkRunConfig, DEFAULT_RUN_CONFIG, type RunConfig } from '../../shared/runConfig';

/** What a link carries for one run: name, configuration, seeds. */
export interface SharedSetup {
  label: string;
  config: RunConfig;
  seeds: number;
}

/** Short names of common settings for readable links, and the config path each stands for. */
const SHORT_KEYS: Partial<Record<string, string>> = {
  task: 'task',
  data: 'dataset',
  filters: 'model.convFilters',
  kernel: 'model.kernelSize',
  norm: 'model.normalization',
  place: 'model.placement',
  gamma: 'model.gammaInit',
  opt: 'optimizer.name',
  lr: 'learningRate',
  sched: 'lrSchedule.name',
  bs: 'batchSize',
  steps: 'steps',
  seed: 'seed',
};
const SHORT_OF_PATH: Partial<Record<string, string>> = Object.fromEntries(
  Object.entries(SHORT_KEYS).map(([k, p]) => [p, k]),
);
/** Longest readable link value; longer setups are compressed. */
const MAX_READABLE = 160;
/** Runs a link may hold. */
export const MAX_SHARED_RUNS = 16;
/** Compressed text a link may hold, characters (a hostile link cannot freeze the page). */
const MAX_LINK_TEXT = 20_000;

type Flat = Record<string, unknown>;

/** Keys that would write onto an object's prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every leaf of a plain object by dotted path (arrays are leaves). */
function flatten(value: unknown, prefix = '', out: Flat = {}): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

/** The paths and values where `config` differs from the defaults. */
export function configChanges(config: RunConfig): Flat {
  const base = flatten(DEFAULT_RUN_CONFIG);
  const mine = flatten(config);
  return Object.fromEntries(
    Object.entries(mine).filter(([path, v]) => JSON.stringify(v) !== JSON.stringify(base[path])),
  );
}

/** The defaults with the given path values set (unknown paths are kept, and the schema rejects them). */
function applyChanges(changes: Flat): unknown {
  const out: Record<string, unknown> = structuredClone(DEFAULT_RUN_CONFIG);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    // Paths come from a link: a key that reaches a prototype is dropped, at any depth.
    if (keys.some((k) => UNSAFE_KEYS.has(k))) continue;
    let node: Record<string, unknown> = out;
    for (const k of keys.slice(0, -1)) {
      const next = Object.hasOwn(node, k) ? node[k] : undefined;
      if (next === null || typeof next !== 'object') {
        node[k] = {};
      }
      node = node[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (last) node[last] = value;
  }
  return out;
}

/** `lr:0.5,norm:batchnorm,…`, or null when some change has no short name. */
function readable(setup: SharedSetup): string | null {
  const pairs: string[] = [];
  for (const [path, value] of Object.entries(configChanges(setup.config))) {
    const key = SHORT_OF_PATH[path];
    if (!key) return null;
    pairs.push(`${key}:${Array.isArray(value) ? value.join('-') : String(value)}`);
  }
  if (setup.seeds !== 1) pairs.push(`seeds:${setup.seeds}`);
  pairs.push(`name:${setup.label}`);
  const text = pairs.map((p) => encodeURIComponent(p).replace(/%3A/g, ':')).join(',');
  return text.length <= MAX_READABLE ? text : null;
}

/** The link parameter of one setup: `new=<pairs>` or `newz=<compressed>`. */
export function encodeSetup(setup: SharedSetup): string {
  const text = readable(setup);
  if (text) return `new=${text}`;
  const packed = { label: setup.label, seeds: setup.seeds, changes: configChanges(setup.config) };
  return `newz=${LZString.compressToEncodedURIComponent(JSON.stringify(packed))}`;
}

/** The link parameter of a set of runs: `runs=<compressed>`. */
export function encodeRunSet(setups: readonly SharedSetup[]): string {
  const packed = setups.map((s) => ({
    label: s.label,
    seeds: s.seeds,
    changes: configChanges(s.config),
  }));
  return `runs=${LZString.compressToEncodedURIComponent(JSON.stringify(packed))}`;
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

/** A readable value back to a number, list or text, by the setting it stands for. */
function parseReadable(path: string, text: string): unknown {
  if (path === 'model.convFilters') return text.split('-').map(Number);
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : text;
}

/** Validate one packed setup (from JSON or pairs). */
function setupOf(
  label: unknown,
  seeds: unknown,
  changes: unknown,
  which: string,
): Decoded<SharedSetup> {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes))
    return { ok: false, message: `${which} has no settings.` };
  const check = checkRunConfig(applyChanges(changes as Flat));
  if (!check.ok) {
    const first = check.errors[0];
    return {
      ok: false,
      message: `${which} has a setting that is not valid: ${first?.path || 'config'} ${first?.message ?? ''}.`,
    };
  }
  const name = typeof label === 'string' ? label.replace(/\s+/g, ' ').trim().slice(0, 80) : '';
  const count =
    typeof seeds === 'number' && Number.isInteger(seeds) && seeds >= 1 && seeds <= 8 ? seeds : 1;
  return { ok: true, value: { label: name || 'Shared run', config: check.config, seeds: count } };
}

function unpack(text: string): unknown {
  if (text.length > MAX_LINK_TEXT) throw new Error('too long');
  const json = LZString.decompressFromEncodedURIComponent(text);
  if (!json) throw new Error('cannot be decompressed');
  return JSON.parse(json) as unknown;
}

/** The setup in a `new=` or `newz=` parameter. */
export function decodeSetup(query: URLSearchParams): Decoded<SharedSetup> | null {
  const text = query.get('new');
  if (text !== null) {
    // The name comes last and may hold commas: everything after "name:" is the name.
    const nameAt = text.startsWith('name:') ? 0 : text.indexOf(',name:');
    const label = nameAt < 0 ? '' : text.slice(nameAt + (nameAt === 0 ? 5 : 6));
    const pairs = (nameAt < 0 ? text : text.slice(0, nameAt)).split(',').filter((p) => p !== '');
    const changes: Flat = {};
    let seeds: unknown = 1;
    for (const pair of pairs) {
      const at = pair.indexOf(':');
      const key = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const path = SHORT_KEYS[key];
      if (key === 'seeds') seeds = Number(value);
      else if (at > 0 && path) changes[path] = parseReadable(path, value);
      else
        return {
          ok: false,
          message: `The link names a setting this version does not know (“${key || pair}”).`,
        };
    }
    return setupOf(label, seeds, changes, 'The link');
  }
  const packed = query.get('newz');
  if (packed === null) return null;
  try {
    const value = unpack(packed);
    const v = (value ?? {}) as { label?: unknown; seeds?: unknown; changes?: unknown };
    return setupOf(v.label, v.seeds, v.changes, 'The link');
  } catch {
    return { ok: false, message: 'The link is damaged: its settings cannot be read.' };
  }
}

/** The runs in a `runs=` parameter. */
export function decodeRunSet(query: URLSearchParams): Decoded<SharedSetup[]> | null {
  const packed = query.get('runs');
  if (packed === null) return null;
  let value: unknown;
  try {
    value = unpack(packed);
  } catch {
    return { ok: false, message: 'The link is damaged: its runs cannot be read.' };
  }
  if (!Array.isArray(value) || value.length === 0)
    return { ok: false, message: 'The link holds no runs.' };
  if (value.length > MAX_SHARED_RUNS)
    return {
      ok: false,
      message: `The link holds ${value.length} runs; at most ${MAX_SHARED_RUNS} are read.`,
    };
  const setups: SharedSetup[] = [];
  for (const [i, item] of value.entries()) {
    const v = (item ?? {}) as { label?: unknown; seeds?: unknown; changes?: unknown };
    const one = setupOf(v.label, v.seeds, v.changes, `Run ${i + 1} of the link`);
    if (!one.ok) return one;
    setups.push(one.value);
  }
  return { ok: true, value: setups };
}
