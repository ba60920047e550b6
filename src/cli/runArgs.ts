/** The flags of `bnlab run`, parsed and checked (a UsageError names the first bad one). */
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The option table parseArgs takes. */
type FlagTable = NonNullable<ParseArgsConfig['options']>;
import { SHIPPED_DATASETS, type DatasetId } from '../shared/datasets';
import { LIMITS } from '../shared/runConfig';
import { UsageError } from './errors';
import { CLI_BACKENDS, type CliBackend } from './protocol';
import { errorMessage } from '../shared/errorMessage';

export interface RunOptions {
  /** Config file, sweep file or preset id; null with --help, --list-presets or --resume. */
  input: string | null;
  /** Checkpoint file to continue from (its config is the run's), else null. */
  resume: string | null;
  steps?: number;
  /** Replaces every run's dataset. */
  dataset?: DatasetId;
  seeds: number;
  workers: number;
  /** Output file; null for the dated default. */
  out: string | null;
  backend: CliBackend;
  listPresets: boolean;
  help: boolean;
}

/** Most seeds per run on the command line (the output file holds at most 200 runs anyway). */
const MAX_CLI_SEEDS = 100;
/** Most worker threads. */
const MAX_WORKERS = 64;

/** One worker per core the main thread leaves free, at least one. */
export const defaultWorkers = () => Math.max(1, availableParallelism() - 1);

/** A whole number flag in [min, max]. */
function wholeFlag(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

/** parseArgs's own errors, reworded (`command` names the help to read). */
function parseError(error: unknown, command: string): UsageError {
  const message = errorMessage(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown)
    return new UsageError(
      `unknown option ${unknown[1]} (bnlab ${command} --help lists the options)`,
    );
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return new UsageError(`${missing[1]} needs a value`);
  return new UsageError(message.split('. ')[0] ?? message);
}

/** A command's flags and positionals; parseArgs's errors become usage errors (exit 2). */
export function parseFlags<const T extends FlagTable>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw parseError(error, command);
  }
}

export function parseRunArgs(args: string[]): RunOptions {
  const parsed = parseFlags(
    args,
    {
      steps: { type: 'string' },
      dataset: { type: 'string' },
      seeds: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string', short: 'o' },
      backend: { type: 'string' },
      resume: { type: 'string' },
      'list-presets': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'run',
  );
  const { values, positionals } = parsed;
  const help = values.help === true;
  const listPresets = values['list-presets'] === true;
  if (positionals.length > 1) {
    throw new UsageError(`expected one input, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const input = positionals[0] ?? null;
  const resume = values.resume ?? null;
  if (resume === '') throw new UsageError('--resume needs a checkpoint file');
  if (resume !== null && input !== null) {
    throw new UsageError('--resume takes its config from the checkpoint file: give no <input>');
  }
  if (resume !== null && values.seeds !== undefined) {
    throw new UsageError('--seeds cannot be used with --resume (a checkpoint is one run)');
  }
  if (input === null && resume === null && !help && !listPresets) {
    throw new UsageError('missing <input>: a config file, a sweep file or a preset id');
  }
  const backend = values.backend ?? 'wasm';
  if (!(CLI_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')} (got "${backend}")`);
  }
  if (values.out === '') throw new UsageError('--out needs a file name');
  const dataset = values.dataset;
  if (dataset !== undefined && !(SHIPPED_DATASETS as readonly string[]).includes(dataset)) {
    throw new UsageError(`--dataset must be ${SHIPPED_DATASETS.join(' or ')} (got "${dataset}")`);
  }
  if (resume !== null && dataset !== undefined) {
    throw new UsageError(
      '--dataset cannot be used with --resume (the checkpoint trained on its own)',
    );
  }
  return {
    input,
    resume,
    ...(values.steps === undefined
      ? {}
      : { steps: wholeFlag('steps', values.steps, 1, LIMITS.maxSteps) }),
    ...(dataset === undefined ? {} : { dataset: dataset as DatasetId }),
    seeds: values.seeds === undefined ? 1 : wholeFlag('seeds', values.seeds, 1, MAX_CLI_SEEDS),
    workers:
      values.workers === undefined
        ? defaultWorkers()
        : wholeFlag('workers', values.workers, 1, MAX_WORKERS),
    out: values.out ?? null,
    backend: backend as CliBackend,
    listPresets,
    help,
  };
}
