/** The measurement cadences of the article's experiments (steps between measurements; 0 = off). */
import type { MeasureConfig } from './runConfig';

export const MEASURE_PRESETS = {
  /** "Is it ICS?": moments every 5 steps (each needs the step before it too), ICS and quantiles less often. */
  ics: { momentsEvery: 5, icsEvery: 10, quantilesEvery: 25 },
  /**
   * "The error surface": the landscape every 20 steps at 4 step sizes from 0.5x to 4x the learning
   * rate, and in conv 2's activation space: 4 extra forward and backward passes each time, and 4
   * more from conv 2 on. About +10-20% on a training step (every 10 steps at 8 sizes was +90%).
   */
  smoothness: { landscapeEvery: 20, etaMin: 0.5, etaMax: 4, etaCount: 4, activationLayer: 2 },
  /** The deep linear net: ICS and the landscape every 10 steps (the net is small: they cost little). */
  deepLinear: { icsEvery: 10, landscapeEvery: 10 },
} satisfies Record<string, Partial<MeasureConfig>>;
