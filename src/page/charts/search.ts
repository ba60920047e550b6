/** Binary searches in the ascending x arrays of chart series (the first `length` entries). */

/** First index i < length with xs[i] >= x, or `length` when every x is below. */
export function lowerBound(xs: ArrayLike<number>, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the x nearest to `x` (the lower one on a tie), or -1 when length is 0. */
export function nearestIndex(xs: ArrayLike<number>, length: number, x: number): number {
  if (length <= 0) return -1;
  const i = lowerBound(xs, length, x);
  if (i === 0) return 0;
  if (i === length) return length - 1;
  return x - (xs[i - 1] as number) <= (xs[i] as number) - x ? i - 1 : i;
}

/** First index i < length with xs[i] > x, or `length` when no x is above. */
export function upperBound(xs: ArrayLike<number>, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
