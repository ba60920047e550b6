/**
 * `bnlab measure <checkpoint> [--batch i,j,k | --batch-file F]`: every measurement the engine makes,
 * taken on exactly a checkpoint's state and one batch, printed as JSON on stdout.
 */
import { isShipped } from '../shared/datasets';
import { readFileSync } from 'node:fs';
import { decodeMnist } from '../shared/imageBinary';
import { batchIndexLimit } from '../engine/train/measureCheckpoint';
import { LIMITS } from '../shared/runConfig';
import { measureReport } from './measureReport';
import { readCheckpointFile } from './checkpointFiles';
import { EXIT, UsageError } from './errors';
import { parseFlags } from './runArgs';
import { measureHelp } from './help';
import { loadDatasetsShared } from './sharedDatasets';
import { CLI_BACKENDS, type CliBackend, type FromWorker } from './protocol';
import type { CommandIo } from './runCommand';
import { askWorker } from './singleRun';

interface MeasureOptions {
  checkpoint: string;
  /** `--batch` as given, the text of `--batch-file`, or null for the run's own next batch. */
  batch: { text: string; from: string } | null;
  backend: CliBackend;
}

function parseMeasureArgs(args: string[]): MeasureOptions | null {
  const { values, positionals } = parseFlags(
    args,
    {
      batch: { type: 'string' },
      'batch-file': { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'measure',
  );
  if (values.help) return null;
  if (positionals.length !== 1) throw new UsageError('expected one <checkpoint> file');
  if (values.batch !== undefined && values['batch-file'] !== undefined) {
    throw new UsageError('give --batch or --batch-file, not both');
  }
  const backend = values.backend ?? 'wasm';
  if (!(CLI_BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')} (got "${backend}")`);
  }
  let batch: MeasureOptions['batch'] = null;
  if (values.batch !== undefined) batch = { text: values.batch, from: '--batch' };
  const file = values['batch-file'];
  if (file !== undefined) {
    try {
      batch = { text: readFileSync(file, 'utf8'), from: file };
    } catch (error) {
      throw new UsageError(`${file}: cannot read it (${(error as Error).message})`);
    }
  }
  return { checkpoint: positionals[0] as string, batch, backend: backend as CliBackend };
}

/** Dataset indices from "3,17,42" or a file of them (commas, spaces, newlines or a JSON array). */
function parseBatch(text: string, from: string, count: number): number[] {
  const parts = text
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`${from}: no image indices`);
  if (parts.length > LIMITS.maxBatchSize) {
    throw new UsageError(
      `${from}: ${parts.length} images; a batch holds at most ${LIMITS.maxBatchSize}`,
    );
  }
  return parts.map((p) => {
    if (!/^\d+$/.test(p) || Number(p) >= count) {
      throw new UsageError(
        `${from}: "${p}" is not an image index (whole numbers from 0 to ${count - 1})`,
      );
    }
    return Number(p);
  });
}

export async function measureCommand(args: string[], io: CommandIo): Promise<number> {
  const options = parseMeasureArgs(args);
  if (!options) {
    io.stdout.write(measureHelp());
    return EXIT.ok;
  }
  const { checkpoint, config } = readCheckpointFile(options.checkpoint);
  const datasets = loadDatasetsShared([config.dataset]);
  const images = isShipped(config.dataset) ? datasets[config.dataset] : undefined;
  const count = batchIndexLimit(config, images ? decodeMnist(new Uint8Array(images)).count : 0);
  const batch = options.batch && parseBatch(options.batch.text, options.batch.from, count);
  const got: { answer?: Extract<FromWorker, { type: 'measured' }> } = {};
  await askWorker(
    options.backend,
    datasets,
    { type: 'measure', config, resume: checkpoint, batch },
    (message) => {
      if (message.type !== 'measured') return false;
      got.answer = message;
      return true;
    },
  );
  const { result, error } = got.answer ?? { result: null, error: 'no answer' };
  if (!result) {
    io.stderr.write(`bnlab: measuring failed: ${error ?? ''}\n`);
    return EXIT.failed;
  }
  const report = measureReport(options.checkpoint, checkpoint.step, batch, config, result);
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return EXIT.ok;
}
