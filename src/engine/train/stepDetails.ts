/** What one fully measured step saw, layer by layer and eta by eta (for `bnlab measure`). */

/** One landscape probe at step size eta (see metrics/landscape). */
export interface LandscapeProbe {
  eta: number;
  /** L(W - eta g). */
  loss: number;
  /** ||g - grad L(W - eta g)||_2. */
  gradDiff: number;
  /** gradDiff / ||eta g||_2: the effective beta-smoothness at this eta. */
  beta: number;
}

export interface StepDetails {
  /** ||grad|| of each layer's weight, and of all its parameters (bias, gamma, beta included). */
  gradNorms: { layer: string; weight: number; all: number }[];
  /** Per-channel mean and (biased) variance of each normalized layer's pre-normalization input. */
  moments: { layer: string; mean: number[]; variance: number[] }[];
  /** ICS of every layer after the first (paper Definition 2.1). */
  ics: { layer: string; l2: number; cosine: number; relative: number }[];
  /** The weight-space landscape along the gradient, one probe per eta. */
  landscape: LandscapeProbe[];
  /** The same in activation space at the measured layer (empty when not measured). */
  activationLandscape: LandscapeProbe[];
}

/** Probe rows from `landscapeProbes`' values (row-major, [loss, gradDiff, beta] per eta). */
export function probeRows(etas: readonly number[], values: ArrayLike<number>): LandscapeProbe[] {
  return etas.map((eta, i) => ({
    eta,
    loss: values[3 * i] ?? NaN,
    gradDiff: values[3 * i + 1] ?? NaN,
    beta: values[3 * i + 2] ?? NaN,
  }));
}
