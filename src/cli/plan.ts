/**
 * From the runs an input stands for to the runs the CLI trains: --steps applied, each run repeated
 * over --seeds seeds, every config validated (all before anything trains), then ids, seed groups
 * and styles given as the app gives them to lab runs.
 */
import type { DatasetId } from '../shared/datasets';
import { seedlessKey } from '../shared/seedlessKey';
import type { RunStyle } from '../experiments/types';
import type { TrainerCheckpoint } from '../shared/checkpoint';
import { IMPORT_LIMITS } from '../shared/exchange';
import { checkRunConfig, type RunConfig } from '../shared/runConfig';
import { withPath } from './configPaths';
import { UsageError } from './errors';
import type { Input } from './inputs';
import { freeStyle, normalizationStyle, styleKey } from '../experiments/runStyles';

/** A validated run, ready to train and to export. */
export interface RunPlan {
  /** "cli-1", "cli-2", … in plan order. */
  id: string;
  label: string;
  config: RunConfig;
  /** Shared by runs that differ only in seed; otherwise the run's own id. */
  group: string;
  style: RunStyle;
  /** State to continue from (`bnlab run --resume`), else absent. */
  resume?: TrainerCheckpoint;
}

export interface PlanOptions {
  /** Replaces every run's steps. */
  steps?: number;
  /** Replaces every run's dataset. */
  dataset?: DatasetId;
  /** Each run is trained with seeds seed, seed + 1, …, seed + seeds - 1. */
  seeds: number;
}

/** Invalid runs listed in one message before "and N more". */
const MAX_LISTED = 10;
/** Seeds are 31-bit (runConfig's limit). */
const SEED_MODULUS = 2 ** 31;

export function planRuns(input: Input, options: PlanOptions): RunPlan[] {
  if (options.seeds > 1 && input.varied.includes('seed')) {
    throw new UsageError('--seeds cannot be used with a sweep that varies "seed"');
  }
  const total = input.runs.length * options.seeds;
  if (total > IMPORT_LIMITS.maxRuns) {
    throw new UsageError(
      `${total} runs planned; one output file holds at most ${IMPORT_LIMITS.maxRuns}`,
    );
  }
  const problems: string[] = [];
  const valid: { label: string; config: RunConfig }[] = [];
  input.runs.forEach((draft, i) => {
    const withSteps =
      options.steps === undefined ? draft.config : withPath(draft.config, 'steps', options.steps);
    const config =
      options.dataset === undefined ? withSteps : withPath(withSteps, 'dataset', options.dataset);
    const check = checkRunConfig(config);
    if (check.ok) valid.push({ label: draft.label, config: check.config });
    else {
      const errors = check.errors.map((e) => `${e.path || 'config'} ${e.message}`).join('; ');
      problems.push(`run ${i + 1} (${draft.label}): ${errors}`);
    }
  });
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? [`and ${problems.length - MAX_LISTED} more`] : [];
    throw new UsageError(
      `invalid config${problems.length > 1 ? 's' : ''}:\n  ${[...problems.slice(0, MAX_LISTED), ...more].join('\n  ')}`,
    );
  }
  const runs = valid.flatMap(({ label, config }) =>
    Array.from({ length: options.seeds }, (_, i) => {
      const seed = (config.seed + i) % SEED_MODULUS;
      return {
        label: options.seeds > 1 ? `${label} · seed ${seed}` : label,
        config: { ...config, seed },
      };
    }),
  );
  const members = new Map<string, number>();
  for (const run of runs) {
    const key = seedlessKey(run.config);
    members.set(key, (members.get(key) ?? 0) + 1);
  }
  const groups = new Map<string, { id: string; style: RunStyle }>();
  const taken = new Set<string>();
  return runs.map((run, i) => {
    const id = `cli-${i + 1}`;
    const key = seedlessKey(run.config);
    let group = groups.get(key);
    if (!group) {
      const shared = (members.get(key) ?? 0) > 1;
      // The normalization's article look for its first group, then looks no group has yet.
      const preferred = normalizationStyle(run.config.model.normalization);
      const style = freeStyle(preferred, taken, groups.size);
      taken.add(styleKey(style));
      group = { id: shared ? `cli-group-${groups.size + 1}` : id, style };
      groups.set(key, group);
    }
    return { id, ...run, group: group.id, style: group.style };
  });
}
