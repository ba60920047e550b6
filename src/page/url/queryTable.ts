/**
 * Settings in a URL query, from one table of {key, codec} per setting: reading (a setting absent
 * or unreadable keeps its default) and writing (a setting at its default is left out, so links
 * stay short) both follow the table. Pure; no DOM.
 */

/** How one setting is written in the query: its key, and its text read and written. */
export interface QueryCodec<T> {
  key: string;
  /** The value a text stands for; undefined for a text that stands for none (the default then). */
  parse(text: string): T | undefined;
  format(value: T): string;
}

/** One codec per setting of `P`. */
export type QueryTable<P> = { [K in keyof P]-?: QueryCodec<P[K]> };

/** A setting that is one of a few words. */
export function oneOf<T extends string>(key: string, options: readonly T[]): QueryCodec<T> {
  return { key, parse: (text) => options.find((o) => o === text), format: (value) => value };
}

/** A finite number (anything else reads as none). */
export function numberCodec(key: string): QueryCodec<number> {
  return {
    key,
    parse: (text) => {
      const value = text.trim() === '' ? NaN : Number(text);
      return Number.isFinite(value) ? value : undefined;
    },
    format: String,
  };
}

/** A comma-separated list of finite numbers; none when any entry is not one. */
export function numberListCodec(key: string): QueryCodec<number[]> {
  const one = numberCodec(key);
  return {
    key,
    parse: (text) => {
      const values = text.split(',').map((part) => one.parse(part));
      return values.length > 0 && values.every((v) => v !== undefined) ? values : undefined;
    },
    format: (values) => values.join(','),
  };
}

/** The settings of `table` read from `q`, each its default when absent or unreadable. */
export function readQuery<P extends object>(
  table: QueryTable<P>,
  q: URLSearchParams,
  defaults: P,
): P {
  const params = { ...defaults };
  for (const name of Object.keys(table) as (keyof P)[]) {
    const value = readOne(table, q, name);
    if (value !== undefined) params[name] = value;
  }
  return params;
}

/** Only the settings of `table` that `q` holds readably (what a link changes). */
export function readGiven<P extends object>(table: QueryTable<P>, q: URLSearchParams): Partial<P> {
  const given: Partial<P> = {};
  for (const name of Object.keys(table) as (keyof P)[]) {
    const value = readOne(table, q, name);
    if (value !== undefined) given[name] = value;
  }
  return given;
}

/** Write each setting of `params` to `q`, unless it is at its default. */
export function writeQuery<P extends object>(
  table: QueryTable<P>,
  q: URLSearchParams,
  params: Partial<P>,
  defaults: P,
): void {
  for (const name of Object.keys(table) as (keyof P)[]) {
    const value = params[name];
    if (value === undefined) continue;
    const codec: QueryCodec<P[typeof name]> = table[name];
    const text = codec.format(value);
    if (text !== codec.format(defaults[name])) q.set(codec.key, text);
  }
}

/** One setting read from `q`: undefined when absent or unreadable. */
function readOne<P, K extends keyof P>(
  table: QueryTable<P>,
  q: URLSearchParams,
  name: K,
): P[K] | undefined {
  const codec: QueryCodec<P[K]> = table[name];
  const text = q.get(codec.key);
  return text === null ? undefined : codec.parse(text);
}

/** A query as a hash suffix ("?a=1&b=2", or "" when empty), commas left readable. */
export function querySuffix(q: URLSearchParams): string {
  const text = q.toString().replaceAll('%2C', ',');
  return text ? `?${text}` : '';
}
