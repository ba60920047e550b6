/**
 * `bnlab checkpoint <input> --at 10,20 --out-dir DIR`: trains one run in a worker and writes its
 * full state at each chosen step as DIR/<name>-step<N>.bnlabck (docs/checkpoint-format.md).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LIMITS } from '../shared/runConfig';
import { CHECKPOINT_EXTENSION } from './checkpointFiles';
import { EXIT, UsageError } from './errors';
import { parseFlags } from './runArgs';
import { checkpointHelp } from './help';
import { readInput } from './inputs';
import { loadDatasetsShared } from './sharedDatasets';
import { planRuns } from './plan';
import { askWorker } from './singleRun';
import { CLI_BACKENDS, type CliBackend } from './protocol';
import type { CommandIo } from './runCommand';

interface CheckpointOptions {
  input: string;
  /** Steps to save at, ascending, distinct. */
  at: number[];
  outDir: string;
  backend: CliBackend;
  steps?: number;
}

/** "10,20" as ascending distinct steps in [1, LIMITS.maxSteps]. */
function parseSteps(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > LIMITS.maxSteps)) {
    throw new UsageError(
      `--at must list steps from 1 to ${LIMITS.maxSteps}, comma-separated (got "${text}")`,
    );
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** The flags, checked; null with --help. */
function parseCheckpointArgs(args: string[]): CheckpointOptions | null {
  const { values, positionals } = parseFlags(
    args,
    {
      at: { type: 'string' },
      'out-dir': { type: 'string' },
      backend: { type: 'string' },
      steps: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'checkpoint',
  );
  if (values.help) return null;
  if (positionals.length !== 1) {
    throw new UsageError('expected one <input>: a config file or a preset id');
  }
  if (values.at === undefined) throw new UsageError('missing --at: the steps to save at');
  if (!values['out-dir']) throw new UsageError('missing --out-dir: the folder to write to');
  const backend = values.backend ?? 'wasm';
  if (!(CLI_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')} (got "${backend}")`);
  }
  const steps = values.steps === undefined ? undefined : parseSteps(values.steps);
  if (steps && steps.length !== 1) throw new UsageError('--steps takes one number');
  return {
    input: positionals[0] as string,
    at: parseSteps(values.at),
    outDir: values['out-dir'],
    backend: backend as CliBackend,
    ...(steps ? { steps: steps[0] as number } : {}),
  };
}

/** A file-name-safe form of a run's label. */
const fileName = (label: string) => label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

export async function checkpointCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseCheckpointArgs(args);
  if (!options) {
    io.stdout.write(checkpointHelp());
    return EXIT.ok;
  }
  const input = readInput(options.input);
  if (input.kind === 'sweep') throw new UsageError(`${options.input}: a sweep; give one run`);
  const [plan] = planRuns(input, {
    seeds: 1,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
  });
  if (!plan) throw new UsageError(`${options.input}: no run`);
  const last = options.at.at(-1) ?? 0;
  if (last > plan.config.steps) {
    throw new UsageError(`--at ${last} is past the run's last step (${plan.config.steps})`);
  }
  const outDir = resolve(options.outDir);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(`--out-dir: ${outDir} is a file, not a folder`);
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out-dir: cannot create ${outDir} (${(error as Error).message})`);
  }

  const name = fileName(plan.label) || 'run';
  let error: string | null = null;
  await askWorker(
    options.backend,
    loadDatasetsShared([plan.config.dataset]),
    { type: 'save', config: plan.config, at: options.at },
    (message) => {
      if (message.type === 'saved') {
        const path = join(outDir, `${name}-step${message.step}${CHECKPOINT_EXTENSION}`);
        writeFileSync(path, message.bytes);
        io.stderr.write(`bnlab: wrote step ${message.step} to ${path}\n`);
      } else if (message.type === 'save-ended') {
        error = message.error;
        return true;
      }
      return false;
    },
  );
  if (error !== null) {
    io.stderr.write(`bnlab: training failed: ${error as string}\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
