/**
 * `bnlab run`: plan and validate the runs, train them in worker threads with progress on stderr,
 * write the exchange file. Ctrl-C (or SIGTERM) stops cleanly and still writes the file.
 */
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError } from './errors';
import { checkResumable, resumePlans } from './checkpointFiles';
import { readInput, presetList } from './inputs';
import { loadDatasetsShared } from './sharedDatasets';
import { datasetsOf } from '../shared/datasets';
import { planRuns } from './plan';
import { TrainingPool } from './pool';
import { ProgressView, type ProgressStream } from './progress';
import { runHelp } from './help';
import { parseRunArgs } from './runArgs';
import { RunBook } from './runBook';

/** Repeats of a signal within this many ms count as one (a terminal's Ctrl-C reaches the launcher and us). */
const SIGNAL_DEBOUNCE_MS = 1000;

/** Where the command reads and writes; process's streams, or fakes. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
}

/** "1 run", "3 runs". */
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "bnlab-runs-2025-06-01-142503.json", in local time. */
function defaultOutName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `bnlab-runs-${date}-${time}.json`;
}

/** Fails before training when the output's folder is missing or the path is a folder. */
function checkOutPath(out: string): void {
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--out: the folder ${folder} does not exist`);
  }
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new UsageError(`--out: ${out} is a folder`);
  }
}

/** Write `text` to `path` through a temporary file, so a reader never sees half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export async function runCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseRunArgs(args);
  if (options.help) {
    io.stdout.write(runHelp());
    return EXIT.ok;
  }
  if (options.listPresets) {
    io.stdout.write(presetList());
    return EXIT.ok;
  }
  const steps = options.steps === undefined ? {} : { steps: options.steps };
  const dataset = options.dataset === undefined ? {} : { dataset: options.dataset };
  const plans =
    options.resume === null
      ? planRuns(readInput(options.input ?? ''), { seeds: options.seeds, ...steps, ...dataset })
      : resumePlans(options.resume, options.steps);
  const out = resolve(options.out ?? defaultOutName(new Date()));
  checkOutPath(out);

  const datasets = loadDatasetsShared(datasetsOf(plans.map((p) => p.config)));
  for (const plan of plans) await checkResumable(plan, options.backend, datasets);

  const book = new RunBook(plans, options.backend, () => performance.now());
  const view = new ProgressView(io.stderr, book);
  const pool = new TrainingPool(
    plans,
    { workers: options.workers, backend: options.backend, datasets },
    (event) => view.update(book.apply(event)),
  );
  view.log(
    `bnlab: training ${plural(plans.length, 'run')} on ${plural(pool.size, 'worker')} ` +
      `(${options.backend}); writing ${out}`,
  );

  /** The first stop signal and when it came. */
  const signalled: { name: NodeJS.Signals | null; at: number } = { name: null, at: 0 };
  const onSignal = (name: NodeJS.Signals) => {
    const now = performance.now();
    if (signalled.name === null) {
      Object.assign(signalled, { name, at: now });
      view.log('bnlab: stopping after the current steps (Ctrl-C again to stop at once)');
      pool.stop();
    } else if (now - signalled.at > SIGNAL_DEBOUNCE_MS) {
      view.log('bnlab: stopping now');
      pool.kill();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await pool.done;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  book.stopUnfinished(signalled.name ? 'stopped by the user' : 'not trained');
  view.finish();
  const exchange = book.toExchange(new Date());
  writeAtomically(out, `${JSON.stringify(exchange)}\n`);
  const counts = new Map<string, number>();
  for (const run of exchange.runs) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  io.stderr.write(`bnlab: wrote ${plural(exchange.runs.length, 'run')} (${summary}) to ${out}\n`);
  for (const run of book.runs.filter((r) => r.status === 'failed')) {
    io.stderr.write(`bnlab: ${run.plan.id} (${run.plan.label}) failed: ${run.message ?? ''}\n`);
  }
  if (signalled.name) return signalled.name === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
  return book.anyFailed ? EXIT.failed : EXIT.ok;
}
