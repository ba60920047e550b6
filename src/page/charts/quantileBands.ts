/**
 * Activation distributions over time: five quantile series drawn as two nested bands (5-95%
 * lighter, 25-75% darker) around the median line. Pure; no React.
 */
import type { ChartBand, ChartLine, XYSeries } from './types';

/** The five quantile series of one layer's activations, each with its own xs (steps). */
export interface QuantileSeries {
  q05: XYSeries;
  q25: XYSeries;
  q50: XYSeries;
  q75: XYSeries;
  q95: XYSeries;
}

/** Look of one distribution on a chart; bands are `${id}:5-95` and `${id}:25-75`. */
export interface QuantileStyle {
  id: string;
  /** Label of the median line. */
  label: string;
  color: string;
  dashed?: boolean;
}

/** Fill opacity of the 5-95% band. */
export const OUTER_BAND_OPACITY = 0.12;
/** Fill opacity of the 25-75% band (drawn over the outer one, so it reads darker still). */
export const INNER_BAND_OPACITY = 0.24;

const ORDER = ['q05', 'q25', 'q50', 'q75', 'q95'] as const;

/**
 * The steps recorded by all five series and each series' value there, in one merge pass (a step
 * missing from one of them, e.g. mid-append, is left out). xs of each series must be ascending.
 */
export function alignQuantiles(q: QuantileSeries): {
  xs: Float64Array;
  values: Record<(typeof ORDER)[number], Float64Array>;
  length: number;
} {
  const series = ORDER.map((key) => q[key]);
  const capacity = Math.min(...series.map((s) => Math.max(0, s.length)));
  const xs = new Float64Array(capacity);
  const columns = series.map(() => new Float64Array(capacity));
  const cursors = series.map(() => 0);
  let n = 0;
  for (;;) {
    // Advance every series to the largest head x; when all heads agree, that step is shared.
    let x = -Infinity;
    let done = false;
    for (let s = 0; s < series.length; s++) {
      const one = series[s] as XYSeries;
      const c = cursors[s] as number;
      if (c >= one.length) done = true;
      else x = Math.max(x, one.xs[c] as number);
    }
    if (done) break;
    let aligned = true;
    for (let s = 0; s < series.length; s++) {
      const one = series[s] as XYSeries;
      let c = cursors[s] as number;
      while (c < one.length && (one.xs[c] as number) < x) c++;
      cursors[s] = c;
      if (c >= one.length || one.xs[c] !== x) aligned = false;
    }
    if (!aligned) continue;
    xs[n] = x;
    for (let s = 0; s < series.length; s++) {
      const c = cursors[s] as number;
      (columns[s] as Float64Array)[n] = (series[s] as XYSeries).ys[c] as number;
      cursors[s] = c + 1;
    }
    n++;
  }
  const trim = (a: Float64Array) => (n === capacity ? a : a.slice(0, n));
  const [q05, q25, q50, q75, q95] = columns.map(trim) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { xs: trim(xs), values: { q05, q25, q50, q75, q95 }, length: n };
}

/**
 * Two bands (5-95% then 25-75%, in drawing order) and the median line, aligned by step.
 * O(points): memoize per set of series objects.
 */
export function quantileBands(
  q: QuantileSeries,
  style: QuantileStyle,
): { bands: [ChartBand, ChartBand]; median: ChartLine } {
  const { xs, values, length } = alignQuantiles(q);
  return {
    bands: [
      {
        id: `${style.id}:5-95`,
        color: style.color,
        xs,
        lows: values.q05,
        highs: values.q95,
        length,
        opacity: OUTER_BAND_OPACITY,
      },
      {
        id: `${style.id}:25-75`,
        color: style.color,
        xs,
        lows: values.q25,
        highs: values.q75,
        length,
        opacity: INNER_BAND_OPACITY,
      },
    ],
    median: { ...style, xs, ys: values.q50, length },
  };
}
