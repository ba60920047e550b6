/**
 * What the lab's charts draw: visible runs become chart units (one per run, or one per seed group
 * when groups are merged), and a unit's series of one metric become a line (and a band for a group).
 */
import { linearAxis } from '../charts/prepare';
import { groupChart, groupStats, type GroupSpread } from '../charts/seedGroup';
import type { ChartBand, ChartLine } from '../charts/types';
import type { RunStyle } from '../../experiments/types';
import { seedShade } from '../../experiments/runStyles';
import type { MetricId } from '../../shared/metrics';
import type { RunView } from '../store/runView';
import type { Series } from '../store/series';
import { seriesLine, smoothedValues, type LineOptions } from '../panels/smoothedSeries';

/** One thing a chart draws: a run, or a seed group drawn as mean and band. */
export interface ChartUnit {
  id: string;
  label: string;
  style: RunStyle;
  runIds: string[];
}

/** Name of a seed group: its first member's name without the " · seed N" suffix. */
export function groupLabel(label: string, members: number): string {
  return `${label.replace(/ · seed \d+$/, '')} (${members} seeds)`;
}

/** What the legend adds to a run read from a file, so it is never taken for the original. */
export const IMPORTED_MARK = ' · imported';

/**
 * Visible runs in list order as units; with `merge`, runs of one seed group become one unit,
 * without it each seed is drawn in its own shade of the group's colour. Imported runs are named so.
 */
export function chartUnits(
  order: readonly string[],
  runs: Record<string, RunView>,
  merge: boolean,
): ChartUnit[] {
  const units: (ChartUnit & { imported: boolean })[] = [];
  const byKey = new Map<string, ChartUnit>();
  /** Members of each seed group so far, shown or not (a seed's shade is its place among them). */
  const seeds = new Map<string, string[]>();
  for (const id of order) {
    const run = runs[id];
    if (!run) continue;
    const members = seeds.get(run.group);
    if (members) members.push(id);
    else seeds.set(run.group, [id]);
    if (!run.visible) continue;
    const key = merge ? run.group : run.id;
    const unit = byKey.get(key);
    if (unit) {
      unit.runIds.push(id);
      continue;
    }
    const fresh = {
      id: key,
      label: run.label,
      style: run.style,
      runIds: [id],
      imported: !!run.imported,
    };
    byKey.set(key, fresh);
    units.push(fresh);
  }
  return units.map(({ imported, ...u }) => {
    const mark = imported ? IMPORTED_MARK : '';
    if (u.runIds.length > 1) return { ...u, label: groupLabel(u.label, u.runIds.length) + mark };
    const members = seeds.get(runs[u.id]?.group ?? '') ?? [];
    const style =
      members.length > 1
        ? { ...u.style, color: seedShade(u.style.color, members.indexOf(u.id), members.length) }
        : u.style;
    return { ...u, style, label: u.label + mark };
  });
}

/** Whether two lists of units draw the same (same ids, names, styles and members, in order). */
export function sameUnits(a: readonly ChartUnit[], b: readonly ChartUnit[]): boolean {
  return (
    a.length === b.length &&
    a.every((u, i) => {
      const v = b[i];
      return (
        v !== undefined &&
        u.id === v.id &&
        u.label === v.label &&
        u.style.color === v.style.color &&
        u.style.dashed === v.style.dashed &&
        u.runIds.length === v.runIds.length &&
        u.runIds.every((id, j) => id === v.runIds[j])
      );
    })
  );
}

export interface UnitDrawing {
  lines: ChartLine[];
  bands: ChartBand[];
  /** A single run's unsmoothed values, drawn faint behind its smoothed line (none unsmoothed). */
  rawLines: ChartLine[];
}

/** Suffix of a raw line's id after its run's. */
export const RAW_ID_SUFFIX = ':raw';

export interface DrawOptions extends LineOptions {
  metric: MetricId;
  spread: GroupSpread;
}

/** A single run's unsmoothed values as a line, when its metric is drawn smoothed; else null. */
function rawLine(id: string, label: string, style: RunStyle, series: Series, o: DrawOptions) {
  if (!o.noisy || o.smoothing <= 0) return null;
  return {
    id: `${id}${RAW_ID_SUFFIX}`,
    label,
    color: style.color,
    xs: o.x === 'step' ? series.steps : series.times,
    ys: series.values,
    length: series.length,
  };
}

/** Group drawings cached per member-series tuple, so an unchanged group is not recomputed. */
const groupCache = new WeakMap<Series, { key: string; members: Series[]; drawing: UnitDrawing }>();

/**
 * Lines and bands of `units` for one metric, and for each single run drawn smoothed its raw values
 * (a merged seed group's band already shows its seeds' spread, so it gets no raw line).
 */
export function drawUnits(
  units: readonly ChartUnit[],
  series: Record<string, Partial<Record<MetricId, Series>>>,
  o: DrawOptions,
): UnitDrawing {
  const lines: ChartLine[] = [];
  const bands: ChartBand[] = [];
  const rawLines: ChartLine[] = [];
  for (const unit of units) {
    const members = unit.runIds.flatMap((id) => {
      const s = series[id]?.[o.metric];
      return s && s.length > 0 ? [s] : [];
    });
    const first = members[0];
    if (!first) continue;
    if (unit.runIds.length === 1) {
      lines.push(seriesLine(unit.id, unit.label, unit.style, first, o));
      const raw = rawLine(unit.id, unit.label, unit.style, first, o);
      if (raw) rawLines.push(raw);
      continue;
    }
    // Everything the drawing depends on besides the member series (which are compared below).
    const { color, dashed } = unit.style;
    const key = `${unit.id}|${unit.label}|${color}|${dashed}|${o.metric}|${o.smoothing}|${o.noisy}|${o.x}|${o.spread}`;
    const cached = groupCache.get(first);
    let drawing: UnitDrawing;
    if (cached && cached.key === key && sameMembers(cached.members, members)) {
      drawing = cached.drawing;
    } else {
      const stats = groupStats(
        members.map((s) => ({
          xs: o.x === 'step' ? s.steps : s.times,
          ys: o.noisy ? smoothedValues(s, o.smoothing) : s.values,
          length: s.length,
        })),
      );
      const { line, band } = groupChart(
        stats,
        { id: unit.id, label: unit.label, color: unit.style.color, dashed: unit.style.dashed },
        o.spread,
      );
      drawing = { lines: [line], bands: [band], rawLines: [] };
      groupCache.set(first, { key, members, drawing });
    }
    lines.push(...drawing.lines);
    bands.push(...drawing.bands);
  }
  return { lines, bands, rawLines };
}

function sameMembers(a: readonly Series[], b: readonly Series[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Smallest and largest finite value over the arrays (a shared y range for small multiples). */
export function valueRange(
  arrays: readonly ({ values: ArrayLike<number>; length: number } | undefined)[],
): [number, number] | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const a of arrays) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a.values[i] ?? NaN;
      if (!Number.isFinite(v)) continue;
      if (v < low) low = v;
      if (v > high) high = v;
    }
  }
  if (low > high) return undefined;
  // A flat series still needs a visible range.
  return low === high ? [low - 0.5, high + 0.5] : [low, high];
}

/** The range widened outward to multiples of a round step (1, 2 or 5 times a power of ten). */
export function niceRange([low, high]: [number, number]): [number, number] {
  return linearAxis(low, high).domain;
}
