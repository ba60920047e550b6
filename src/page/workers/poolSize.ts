/** How many training workers a page runs. */
import type { WorkersChoice } from '../../shared/workerProtocol';

/** Most workers a page starts (each holds its own tfjs and model state, tens of MB). */
export const MAX_WORKERS = 8;

/** Workers for a choice on a machine with `cores` logical cores: 'auto' leaves the page a core. */
export function poolSize(choice: WorkersChoice, cores: number): number {
  const wanted = choice === 'auto' ? cores - 1 : choice;
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(Number.isFinite(wanted) ? wanted : 1)));
}
