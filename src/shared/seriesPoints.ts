/**
 * The one shape of a metric series, in every thread and store: a step, a time and a value per
 * point, as parallel arrays. Chunks in messages and storage, the page's growing series and
 * imported series are this shape plus their own fields; readers that accept plain arrays too take
 * SeriesLike.
 */

/** Points of one metric series as typed arrays (transferred, not copied, across threads). */
export interface SeriesPoints {
  /** Training step of each point (1 = after the first update), increasing. */
  readonly steps: Int32Array;
  /** Milliseconds since the run started training, per point. */
  readonly times: Float32Array;
  /** The metric per point; NaN where it was not finite (a diverged loss). */
  readonly values: Float32Array;
}

/** A series whose arrays may hold free capacity: its first `length` entries are its points. */
export interface SizedSeries extends SeriesPoints {
  readonly length: number;
}

/** What a reader of a series needs: typed or plain arrays, the first `length` entries read. */
export interface SeriesLike {
  readonly steps: ArrayLike<number>;
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly length: number;
}
