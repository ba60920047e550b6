import { beyondBn } from './beyondBn';
import { deepLinear } from './deepLinear';
import { doesBnWork } from './doesBnWork';
import { isItIcs } from './isItIcs';
import { smoothness } from './smoothness';
import { stepSize } from './stepSize';
import type { Experiment } from './types';

/** Every experiment the app offers, in the order of the story. */
export const EXPERIMENT_LIST: Experiment[] = [
  doesBnWork,
  stepSize,
  isItIcs,
  smoothness,
  beyondBn,
  deepLinear,
];

/** Every experiment by id. */
export const EXPERIMENTS: Record<string, Experiment> = Object.fromEntries(
  EXPERIMENT_LIST.map((e) => [e.id, e]),
);
