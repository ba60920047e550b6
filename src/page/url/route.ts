/**
 * Where the user is, kept in the URL's hash so a reload or a shared link opens the same view:
 * `#/article/<section>` or `#/lab?m=trainLoss,testAccuracy&layout=overlay&x=step&y=log&s=0.6…`.
 */
import type { GroupSpread } from '../charts/seedGroup';
import { DEFAULT_SMOOTHING } from '../charts/smoothing';
import type { YScale } from '../charts/types';
import { METRIC_IDS, type MetricId } from '../../shared/metrics';

type Layout = 'overlay' | 'multiples';
type XAxis = 'step' | 'time';

/** The lab's comparison settings and selections. */
export interface LabParams {
  /** Metrics drawn, one chart each, in order. */
  metrics: MetricId[];
  /** Every run in one chart per metric, or one small chart per run (or seed group). */
  layout: Layout;
  x: XAxis;
  y: YScale;
  /** EMA weight of noisy metrics, 0 (raw) to 0.99. */
  smoothing: number;
  /** Draw seed groups as their mean with a band instead of one line per seed. */
  groupSeeds: boolean;
  spread: GroupSpread;
  /** The two runs of the configuration diff. */
  diffA: string | null;
  diffB: string | null;
}

export type Route =
  | { view: 'article'; section: string | null }
  | { view: 'lab'; params: LabParams }
  /** Presentation mode: one article section at a time, full screen (null: the first). */
  | { view: 'present'; section: string | null };

/** Metrics a fresh lab shows. */
const DEFAULT_METRICS: MetricId[] = ['trainLoss', 'testAccuracy'];
/** Largest smoothing weight (1 would freeze the first value). */
export const MAX_SMOOTHING = 0.99;

export const DEFAULT_LAB: LabParams = {
  metrics: DEFAULT_METRICS,
  layout: 'overlay',
  x: 'step',
  y: 'linear',
  smoothing: DEFAULT_SMOOTHING,
  groupSeeds: true,
  spread: 'range',
  diffA: null,
  diffB: null,
};

const METRIC_SET = new Set<string>(METRIC_IDS);

/** How one lab setting is written in the query: its key, and its text read and written. */
interface QueryCodec<T> {
  key: string;
  /** The value a text stands for; undefined for a text that stands for none (the default then). */
  parse(text: string): T | undefined;
  format(value: T): string;
}

/** One codec per lab setting: parsing, formatting and defaults all read this table. */
type LabQuery = { [K in keyof LabParams]: QueryCodec<LabParams[K]> };

/** A setting that is one of a few words. */
function oneOf<T extends string>(key: string, options: readonly T[]): QueryCodec<T> {
  return { key, parse: (text) => options.find((o) => o === text), format: (value) => value };
}

/** A run id, or none. */
const runId = (key: string): QueryCodec<string | null> => ({
  key,
  parse: (text) => text,
  format: (value) => value ?? '',
});

const LAB_QUERY: LabQuery = {
  metrics: {
    key: 'm',
    parse: (text) => [...new Set(text.split(',').filter((m): m is MetricId => METRIC_SET.has(m)))],
    format: (metrics) => metrics.join(','),
  },
  layout: oneOf('layout', ['overlay', 'multiples']),
  x: oneOf('x', ['step', 'time']),
  y: oneOf('y', ['linear', 'log']),
  smoothing: {
    key: 's',
    parse: (text) => {
      const weight = Number(text);
      return Number.isFinite(weight) ? Math.min(MAX_SMOOTHING, Math.max(0, weight)) : undefined;
    },
    format: String,
  },
  groupSeeds: { key: 'group', parse: (text) => text !== '0', format: (on) => (on ? '1' : '0') },
  spread: oneOf('spread', ['range', 'sd']),
  diffA: runId('a'),
  diffB: runId('b'),
};

const LAB_KEYS = Object.keys(LAB_QUERY) as (keyof LabParams)[];

/** One setting read from the query: its default when absent or unreadable. */
function readParam<K extends keyof LabParams>(q: URLSearchParams, name: K): LabParams[K] {
  const codec: QueryCodec<LabParams[K]> = LAB_QUERY[name];
  const text = q.get(codec.key);
  return (text === null ? undefined : codec.parse(text)) ?? DEFAULT_LAB[name];
}

/** One setting written to the query, unless it is at its default. */
function writeParam<K extends keyof LabParams>(q: URLSearchParams, name: K, value: LabParams[K]) {
  const codec: QueryCodec<LabParams[K]> = LAB_QUERY[name];
  const text = codec.format(value);
  if (text !== codec.format(DEFAULT_LAB[name])) q.set(codec.key, text);
}

function parseLab(query: string): LabParams {
  const q = new URLSearchParams(query);
  const params = { ...DEFAULT_LAB };
  const read = <K extends keyof LabParams>(name: K) => {
    params[name] = readParam(q, name);
  };
  LAB_KEYS.forEach(read);
  return params;
}

/** The route of a location hash; anything unknown opens the article at its start. */
export function parseRoute(hash: string, knownSections: readonly string[] = []): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'lab') return { view: 'lab', params: parseLab(query) };
  if (parts[0] === 'article' || parts[0] === 'present') {
    const section = parts[1] ? decodeURIComponent(parts[1]) : null;
    return { view: parts[0], section };
  }
  // Links of the first release were `#<experiment-id>`: open that section of the article.
  const legacy = decodeURIComponent(path);
  return { view: 'article', section: knownSections.includes(legacy) ? legacy : null };
}

/** The hash of a route; settings at their defaults are left out to keep links short. */
export function formatRoute(route: Route): string {
  if (route.view !== 'lab') {
    const base = `#/${route.view}`;
    return route.section ? `${base}/${encodeURIComponent(route.section)}` : base;
  }
  const q = new URLSearchParams();
  for (const name of LAB_KEYS) writeParam(q, name, route.params[name]);
  const query = q.toString().replaceAll('%2C', ',');
  return query ? `#/lab?${query}` : '#/lab';
}
