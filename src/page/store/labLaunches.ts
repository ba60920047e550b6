/**
 * What the lab's editor may launch: a run on a few seeds, or a sweep of configurations, and why a
 * request is refused (the text of the notice the store shows). Pure; no React.
 */
import type { ConfigCheck, RunConfig } from '../../shared/runConfig';

/**
 * Most seeds one lab launch may start. Every seed is a run the page keeps, stores and draws, so
 * this is lower than the command line's limit, whose runs only go to a file.
 */
export const MAX_LAB_SEEDS = 8;
/** Most runs one sweep may start (configurations times seeds). */
export const MAX_SWEEP_RUNS = 64;

/** What the lab's editor asks for: a config, a name, and how many seeds (seed, seed + 1, ...). */
export interface LabRunRequest {
  label: string;
  config: RunConfig;
  seeds: number;
}

/** A sweep from the editor: configurations (named from their swept values), each on `seeds` seeds. */
export interface LabSweepRequest {
  label: string;
  configs: readonly { name: string; config: RunConfig }[];
  seeds: number;
}

/** Whether `seeds` is a seed count one launch may start. */
const seedsAllowed = (seeds: number) =>
  Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_LAB_SEEDS;

/** Why a lab run cannot start (its config checked, its name cleaned), or null when it can. */
export function labRunProblem(check: ConfigCheck, name: string, seeds: number): string | null {
  if (!check.ok) {
    const errors = check.errors.map((e) => `${e.path || 'config'} ${e.message}`).join('; ');
    return `The run was not started: ${errors}.`;
  }
  if (!seedsAllowed(seeds)) {
    return `The run was not started: seeds must be a whole number from 1 to ${MAX_LAB_SEEDS}.`;
  }
  return name === '' ? 'The run was not started: give it a name.' : null;
}

/** Why a sweep cannot start (each configuration checked, in order), or null when it can. */
export function sweepProblem(
  request: LabSweepRequest,
  checks: readonly ConfigCheck[],
  name: string,
): string | null {
  const bad = checks.findIndex((c) => !c.ok);
  if (bad >= 0) {
    const which = request.configs[bad]?.name ?? 'a configuration';
    return `The sweep was not started: ${which} is not a valid run.`;
  }
  if (!seedsAllowed(request.seeds)) {
    return `The sweep was not started: seeds must be a whole number from 1 to ${MAX_LAB_SEEDS}.`;
  }
  const runs = request.configs.length * request.seeds;
  if (runs === 0 || runs > MAX_SWEEP_RUNS) {
    return `The sweep was not started: it must have 1 to ${MAX_SWEEP_RUNS} runs.`;
  }
  return name === '' ? 'The sweep was not started: give it a name.' : null;
}
