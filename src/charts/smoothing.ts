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
