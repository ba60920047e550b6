/** Learning-rate schedules: the rate of a given step from the base rate and the schedule. */
import type { LrScheduleConfig, LrScheduleName } from '../../shared/runConfig';

/** Rate of step `step` (1-based) of a run of `steps` steps with base rate `base`. */
type ScheduleFn = (base: number, step: number, steps: number, config: LrScheduleConfig) => number;

const LR_SCHEDULE_REGISTRY: Record<LrScheduleName, ScheduleFn> = {
  /** The base rate throughout. */
  constant: (base) => base,
  /** base x stepFactor^floor((step - 1) / stepEvery): steps 1..stepEvery use the base rate. */
  step: (base, step, _steps, c) => base * c.stepFactor ** Math.floor((step - 1) / c.stepEvery),
  /** Half cosine from base at step 1 to minFactor x base at the last step. */
  cosine: (base, step, steps, c) => {
    const progress = steps <= 1 ? 0 : (step - 1) / (steps - 1);
    const low = base * c.minFactor;
    return low + ((base - low) * (1 + Math.cos(Math.PI * progress))) / 2;
  },
};

/** The learning rate of step `step` (1-based). */
export function learningRateAt(
  base: number,
  step: number,
  steps: number,
  config: LrScheduleConfig,
): number {
  return LR_SCHEDULE_REGISTRY[config.name](base, step, steps, config);
}
