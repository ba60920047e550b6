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
type Spread = GroupSpread;

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
  spread: Spread;
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
const oneOf = <T extends string>(value: string | null, options: readonly T[], fallback: T): T =>
  options.find((o) => o === value) ?? fallback;

function parseLab(query: string): LabParams {
  const q = new URLSearchParams(query);
  const metrics = (q.get('m') ?? '').split(',').filter((m): m is MetricId => METRIC_SET.has(m));
  const smoothing = Number(q.get('s'));
  return {
    metrics: q.has('m') ? [...new Set(metrics)] : DEFAULT_METRICS,
    layout: oneOf(q.get('layout'), ['overlay', 'multiples'], DEFAULT_LAB.layout),
    x: oneOf(q.get('x'), ['step', 'time'], DEFAULT_LAB.x),
    y: oneOf(q.get('y'), ['linear', 'log'], DEFAULT_LAB.y),
    smoothing:
      q.has('s') && Number.isFinite(smoothing)
        ? Math.min(MAX_SMOOTHING, Math.max(0, smoothing))
        : DEFAULT_SMOOTHING,
    groupSeeds: q.get('group') !== '0',
    spread: oneOf(q.get('spread'), ['range', 'sd'], DEFAULT_LAB.spread),
    diffA: q.get('a'),
    diffB: q.get('b'),
  };
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
  const p = route.params;
  const q = new URLSearchParams();
  if (p.metrics.join(',') !== DEFAULT_METRICS.join(',')) q.set('m', p.metrics.join(','));
  if (p.layout !== DEFAULT_LAB.layout) q.set('layout', p.layout);
  if (p.x !== DEFAULT_LAB.x) q.set('x', p.x);
  if (p.y !== DEFAULT_LAB.y) q.set('y', p.y);
  if (p.smoothing !== DEFAULT_SMOOTHING) q.set('s', String(p.smoothing));
  if (!p.groupSeeds) q.set('group', '0');
  if (p.spread !== DEFAULT_LAB.spread) q.set('spread', p.spread);
  if (p.diffA) q.set('a', p.diffA);
  if (p.diffB) q.set('b', p.diffB);
  const query = q.toString().replaceAll('%2C', ',');
  return query ? `#/lab?${query}` : '#/lab';
}
