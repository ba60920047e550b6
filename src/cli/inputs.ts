/**
 * What `bnlab run <input>` names: a run config file (full, or partial over the defaults), a sweep
 * file, or the id of an app preset ("does-bn-work/batchnorm-lr0.5"). Files win over preset ids.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { PRESETS } from '../experiments/presets';
import { mergeOverDefaults } from './configPaths';
import { UsageError } from './errors';
import { expandSweep, isSweep, type DraftRun } from './sweep';

export interface Input {
  kind: 'config' | 'sweep' | 'preset';
  runs: DraftRun[];
  /** Field paths a sweep varies (empty otherwise). */
  varied: string[];
}

/** "line 3, column 7" for a character offset into `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** The parsed JSON of a file, or a UsageError saying where it is malformed. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read it (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
    throw new UsageError(`${path}: not valid JSON${where} (${message})`);
  }
}

/** The runs `arg` stands for, configs not yet validated. */
export function readInput(arg: string): Input {
  const stat = statSync(arg, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new UsageError(`${arg} is a directory, not a config file`);
  if (stat) {
    const doc = readJson(arg);
    if (isSweep(doc)) {
      const vary = (doc as { vary: Record<string, unknown> }).vary;
      return { kind: 'sweep', runs: expandSweep(doc, arg), varied: Object.keys(vary) };
    }
    const label = basename(arg, extname(arg)) || arg;
    return { kind: 'config', runs: [{ label, config: mergeOverDefaults(doc, arg) }], varied: [] };
  }
  const preset = PRESETS[arg];
  if (preset) {
    return {
      kind: 'preset',
      runs: [{ label: preset.runLabel, config: structuredClone(preset.config) }],
      varied: [],
    };
  }
  const looksLikePath = /\.json$/i.test(arg) || arg.startsWith('.') || arg.startsWith('/');
  throw new UsageError(
    looksLikePath
      ? `${arg}: no such file`
      : `${arg}: neither a file nor a preset id (bnlab run --list-presets lists them)`,
  );
}

/** Every preset id with its name, one per line, for --list-presets. */
export function presetList(): string {
  const ids = Object.keys(PRESETS);
  const width = Math.max(...ids.map((id) => id.length));
  return `${ids.map((id) => `${id.padEnd(width)}  ${PRESETS[id]?.label ?? ''}`).join('\n')}\n`;
}
