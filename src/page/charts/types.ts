/** The data a chart draws, as plain props: typed arrays read up to `length`, never copied. */

/** One line of a chart: y over x (training step or wall time). */
export interface ChartLine {
  id: string;
  /** Name in the legend and the hover readout. */
  label: string;
  /** Any CSS colour. */
  color: string;
  /** Draw dashed (e.g. the plain network beside its BN twin). */
  dashed?: boolean;
  /** x (step) of each point, ascending; the first `length` entries are used. */
  xs: ArrayLike<number>;
  /** y of each point; non-finite values are not drawn. */
  ys: ArrayLike<number>;
  length: number;
  /** Stroke width, CSS pixels; default 2 (a reference line: 1.5). */
  width?: number;
  /** Stroke opacity 0..1 (reference or muted lines); default 1 (a reference line: 0.6). */
  opacity?: number;
  /**
   * A reference curve (results shipped with the app, not a live run): finely dashed, thinner and
   * fainter unless `width` / `opacity` say otherwise, marked `chart-reference` in the page.
   */
  reference?: boolean;
}

/** A filled area between `lows` and `highs` (spread over seeds, a quantile range), under lines. */
export interface ChartBand {
  id: string;
  /** Any CSS colour. */
  color: string;
  /** x of each point, ascending; the first `length` entries are used. */
  xs: ArrayLike<number>;
  /** Bottom edge at each x; a point with a non-finite edge is not drawn. */
  lows: ArrayLike<number>;
  /** Top edge at each x. */
  highs: ArrayLike<number>;
  length: number;
  /** fill opacity, default 0.18 */
  opacity?: number;
}

/** The y range of a probability (an accuracy): 0 to 1, whatever the values drawn. */
export const PROBABILITY_DOMAIN: [number, number] = [0, 1];

/** How the y axis maps values: 'log' draws only positive values, ticks at powers of ten. */
export type YScale = 'linear' | 'log';

/** Parallel arrays of one series, read up to `length` (the store's series, a seed, a quantile). */
export interface XYSeries {
  /** x of each point, ascending. */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  length: number;
}
