/**
 * Where the user is, kept in the URL's hash so a reload or a shared link opens the same view:
 * `#/article/<section>` (with its experiment's settings, see articleLink.ts) or `#/lab?m=trainLoss,testAccuracy&layout=overlay&x=step&y=log&s=0.6…`.
 */
import type { GroupSpread } from '../charts/seedGroup';
import { DEFAULT_SMOOTHING } from '../charts/smoothing';
import type { YScale } from '../charts/types';
import { METRIC_IDS, type MetricId } from '../../shared/metrics';
import { EXPERIMENTS } from '../../experiments/registry';
import type { ExperimentSetup } from '../../experiments/types';
import { formatArticleLink, parseArticleLink } from './articleLink';
import {
  oneOf,
  querySuffix,
  readQuery,
  writeQuery,
  type QueryCodec,
  type QueryTable,
} from './queryTable';

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
  | { view: 'article'; section: string | null; linked?: ExperimentSetup | null }
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

/** One codec per lab setting: parsing, formatting and defaults all read this table. */
type LabQuery = QueryTable<LabParams>;

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

const parseLab = (query: string): LabParams =>
  readQuery(LAB_QUERY, new URLSearchParams(query), DEFAULT_LAB);

/** The route of a location hash; anything unknown opens the article at its start. */
export function parseRoute(hash: string, knownSections: readonly string[] = []): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts[0] === 'lab') return { view: 'lab', params: parseLab(query) };
  if (parts[0] === 'article' || parts[0] === 'present') {
    const section = parts[1] ? decodeURIComponent(parts[1]) : null;
    if (parts[0] === 'present' || !section) return { view: parts[0], section };
    const linked = parseArticleLink(query, section);
    return linked ? { view: 'article', section, linked } : { view: 'article', section };
  }
  // Links of the first release were `#<experiment-id>`: open that section of the article.
  const legacy = decodeURIComponent(path);
  return { view: 'article', section: knownSections.includes(legacy) ? legacy : null };
}

/** The hash of a route; settings at their defaults are left out to keep links short. */
export function formatRoute(route: Route): string {
  if (route.view !== 'lab') {
    const base = `#/${route.view}`;
    if (!route.section) return base;
    const path = `${base}/${encodeURIComponent(route.section)}`;
    const linked = route.view === 'article' ? route.linked : null;
    const defaults = linked && EXPERIMENTS[linked.experiment]?.defaults;
    return linked && defaults ? path + formatArticleLink(linked, route.section, defaults) : path;
  }
  const q = new URLSearchParams();
  writeQuery(LAB_QUERY, q, route.params, DEFAULT_LAB);
  return `#/lab${querySuffix(q)}`;
}
