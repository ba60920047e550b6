/** The number of training workers as the user chooses it: 'auto' or a count. */
import type { WorkersChoice } from '../../shared/workerProtocol';

/** Counts the menu offers besides 'auto'. */
export const WORKER_COUNTS = [1, 2, 3, 4, 6, 8] as const;

/** Read a stored or typed choice; anything not offered reads as 'auto'. */
export function parseWorkersChoice(text: string | null): WorkersChoice {
  const n = Number(text);
  return WORKER_COUNTS.find((count) => count === n) ?? 'auto';
}
