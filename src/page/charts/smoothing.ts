/** Smoothing a chart starts with (TensorBoard's default is 0.6 too). */
export const DEFAULT_SMOOTHING = 0.6;

/**
 * TensorBoard's debiased exponential moving average: s_t = w s_{t-1} + (1 - w) x_t, divided by
 * (1 - w^t) so the first points are not pulled toward zero. Weight 0 returns the values unchanged.
 * Non-finite values pass through without entering the average.
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): Float64Array {
  const out = new Float64Array(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    count += 1;
    const debias = weight === 0 ? 1 : 1 - Math.pow(weight, count);
    out[i] = last / debias;
  }
  return out;
}

/**
 * The same debiased EMA over points spaced unevenly in x (steps): a point `dx` after the previous
 * one keeps weight^dx of the average, as `dx` unit steps of emaSmooth would. Smooths a downsampled
 * series (one point per few steps) about as much as emaSmooth smooths the full one.
 */
export function emaSmoothSpaced(
  xs: ArrayLike<number>,
  values: ArrayLike<number>,
  length: number,
  weight: number,
): Float64Array {
  const out = new Float64Array(length);
  if (weight <= 0) {
    for (let i = 0; i < length; i++) out[i] = values[i] as number;
    return out;
  }
  let last = 0;
  /** Total weight given to the points so far (1 - product of the decays): the debias. */
  let norm = 0;
  let previousX: number | undefined;
  for (let i = 0; i < length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    const x = xs[i] as number;
    // The first point enters as one step would (so unit spacing gives emaSmooth exactly).
    const decay = previousX === undefined ? weight : Math.pow(weight, Math.max(0, x - previousX));
    previousX = x;
    last = last * decay + (1 - decay) * v;
    norm = norm * decay + (1 - decay);
    out[i] = norm > 0 ? last / norm : v;
  }
  return out;
}
