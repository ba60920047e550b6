/** Checkpoint files on disk for the CLI: read one (a UsageError says what is wrong), resume from one. */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { decodeCheckpointFile, MAX_CHECKPOINT_FILE_BYTES } from '../shared/checkpointFile';
import type { TrainerCheckpoint } from '../shared/checkpoint';
import type { RunConfig } from '../shared/runConfig';
import { UsageError } from './errors';
import { planRuns, type RunPlan } from './plan';
import type { CliBackend } from './protocol';
import { askWorker } from './singleRun';
import type { SharedDatasets } from './sharedDatasets';

/** Extension of the files `bnlab checkpoint` writes. */
export const CHECKPOINT_EXTENSION = '.bnlabck';

/** The checkpoint and config in the file at `path`. */
export function readCheckpointFile(path: string): {
  checkpoint: TrainerCheckpoint;
  config: RunConfig;
} {
  let bytes: Uint8Array;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new UsageError(`${path}: cannot read it (${(error as Error).message})`);
  }
  // The size first: a huge file is refused without reading it.
  if (size > MAX_CHECKPOINT_FILE_BYTES) {
    throw new UsageError(
      `${path}: it is ${size} bytes; a checkpoint file has at most ${MAX_CHECKPOINT_FILE_BYTES}`,
    );
  }
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read it (${(error as Error).message})`);
  }
  try {
    return decodeCheckpointFile(bytes);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
}

/** The one run `bnlab run --resume FILE` trains: the file's config (`steps` may extend it). */
export function resumePlans(path: string, steps: number | undefined): RunPlan[] {
  const { checkpoint, config } = readCheckpointFile(path);
  const label = basename(path, extname(path)) || path;
  const [plan] = planRuns(
    { kind: 'config', runs: [{ label, config }], varied: [] },
    { seeds: 1, ...(steps === undefined ? {} : { steps }) },
  );
  if (!plan) throw new UsageError(`${path}: no run to resume`);
  if (plan.config.steps <= checkpoint.step) {
    throw new UsageError(
      `${path}: the checkpoint is at step ${checkpoint.step} and the run ends at step ` +
        `${plan.config.steps}; give --steps N with N > ${checkpoint.step} to train on`,
    );
  }
  return [{ ...plan, resume: checkpoint }];
}

/**
 * Refuse (exit 2, before training) a checkpoint whose tensors do not fit its own config's network:
 * a worker restores it into a throwaway trainer.
 */
export async function checkResumable(
  plan: RunPlan,
  backend: CliBackend,
  datasets: SharedDatasets,
): Promise<void> {
  if (!plan.resume) return;
  let error: string | null = null;
  await askWorker(
    backend,
    datasets,
    { type: 'check', config: plan.config, resume: plan.resume },
    (m) => {
      if (m.type !== 'checked') return false;
      error = m.error;
      return true;
    },
  );
  if (error !== null) {
    throw new UsageError(`${plan.label}: does not fit its config: ${error as string}`);
  }
}
