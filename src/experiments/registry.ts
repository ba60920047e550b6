import { doesBnWork } from './doesBnWork';
import type { Experiment } from './types';

/** Every experiment the app offers, by id. */
export const EXPERIMENTS: Record<string, Experiment> = {
  [doesBnWork.id]: doesBnWork,
};
