/** Words and formulas for the Mechanics widget: the printed numbers, the TeX line of the latest step,
 * and the sentence the status line speaks. */
import type { Moments, Point } from './batchNormMath';
import type { MechState } from './mechanicsState';

/** A number with two decimals, as printed ("3.02"); never "-0.00". */
export function fixed2(value: number): string {
  const text = value.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** A per-axis pair as text: "(3.02, -1.98)". */
export const pair = (p: Point) => `(${fixed2(p.x)}, ${fixed2(p.y)})`;

/** A per-axis pair as TeX. */
const texPair = (p: Point) => `(${fixed2(p.x)},\\ ${fixed2(p.y)})`;

/** The standard deviation of each axis, from its variance. */
const std = (variance: Point): Point => ({
  x: Math.sqrt(variance.x),
  y: Math.sqrt(variance.y),
});

/** What the formulas and sentences need besides the reader's choices. */
export interface Context {
  /** The cloud's own statistics. */
  batch: Moments;
  /** The statistics normalization uses now: the batch's, or the running averages at test time. */
  used: Moments;
  /** Training batches behind the running averages. */
  batches: number;
}

/** The TeX line of the latest step, with its numbers. */
export function formula(state: MechState, { batch, used }: Context): string {
  const sub = state.testTime ? '\\text{run}' : '\\mathcal B';
  const [mu, s2] = [`\\mu_{${sub}}`, `\\sigma^2_{${sub}}`];
  switch (state.last) {
    case 'start':
    case 'randomize':
    case 'reset':
      return `x_i:\\quad \\mu_{\\mathcal B} = ${texPair(batch.mean)},\\ \\sigma^2_{\\mathcal B} = ${texPair(batch.variance)}`;
    case 'affine':
      return `y_i = \\gamma \\hat x_i + \\beta,\\quad \\gamma = ${texPair(state.gamma)},\\ \\beta = ${texPair(state.beta)}`;
    case 'centre':
    case 'scale':
    case 'testTime':
      if (state.centred && state.scaled)
        return `\\hat x_i = \\dfrac{x_i - ${mu}}{\\sqrt{${s2} + \\epsilon}}`;
      if (state.centred) return `x_i - ${mu} = x_i - ${texPair(used.mean)}`;
      if (state.scaled)
        return `\\dfrac{x_i}{\\sqrt{${s2} + \\epsilon}} = \\dfrac{x_i}{${texPair(std(used.variance))}}`;
      return `x_i:\\quad ${mu} = ${texPair(used.mean)},\\ ${s2} = ${texPair(used.variance)}`;
  }
}

/** The sentence for the status line after the latest announced change ('' at the start). */
export function announcement(state: MechState, { batch, used, batches }: Context): string {
  const which = state.testTime ? 'running' : "batch's";
  // With the batch's own statistics the mean is exactly 0 and the variance 1/(1 + eps/var), which
  // prints as 1.00; with running averages both are only close.
  const settled = state.testTime ? 'close to' : 'exactly';
  const unitVariance = state.testTime ? 'close to 1' : '1, up to the ε under the root';
  switch (state.announced) {
    case 'start':
    case 'affine':
      return '';
    case 'centre':
      return state.centred
        ? `Subtracted the ${which} mean ${pair(used.mean)}: the cloud's mean is now ${settled} 0.`
        : `Added the mean ${pair(used.mean)} back.`;
    case 'scale':
      return state.scaled
        ? `Divided each axis by the ${which} standard deviation ${pair(std(used.variance))}: each variance is now ${unitVariance}.`
        : `Multiplied each axis by the standard deviation ${pair(std(used.variance))} again.`;
    case 'randomize':
      return `Drew a new cloud (seed ${state.seed}): mean ${pair(batch.mean)}, variance ${pair(batch.variance)}.`;
    case 'reset':
      return `Back to the raw data: mean ${pair(batch.mean)}, variance ${pair(batch.variance)}.`;
    case 'testTime':
      return state.testTime
        ? `Test time: normalizing with the running averages of ${batches} training batches, mean ${pair(used.mean)}, variance ${pair(used.variance)}.`
        : `Training: normalizing with the batch's own mean ${pair(used.mean)} and variance ${pair(used.variance)}.`;
  }
}
