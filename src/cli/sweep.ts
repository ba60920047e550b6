/**
 * Sweep files: `{ "base": <partial config>, "vary": { "<field path>": [values…], … } }` stand for
 * the cartesian product of the varied values over the base, each run named from its values
 * ("LR 0.5 · BN"). The first field varies slowest.
 */
import { checkPath, isObject, mergeOverDefaults, withPath } from './configPaths';
import { UsageError } from './errors';
import { PHRASE_SEPARATOR, settingPhrase } from '../shared/settingNames';

/** A run to train, its config not yet validated. */
export interface DraftRun {
  label: string;
  config: unknown;
}

/** Most runs a sweep may expand to (the exchange format holds 200 per file). */
const MAX_SWEEP_RUNS = 200;

/** True when a parsed file is a sweep rather than a run config. */
export const isSweep = (doc: unknown): boolean => isObject(doc) && Object.hasOwn(doc, 'vary');

/** The runs of a sweep document read from `source` (a file name, for messages). */
export function expandSweep(doc: unknown, source: string): DraftRun[] {
  if (!isObject(doc)) throw new UsageError(`${source}: a sweep must be a JSON object`);
  const extra = Object.keys(doc).filter((k) => k !== 'base' && k !== 'vary');
  if (extra.length > 0) {
    throw new UsageError(
      `${source}: unknown sweep field "${extra[0]}" (a sweep has "base" and "vary")`,
    );
  }
  const base = mergeOverDefaults(doc.base ?? {}, `${source}: base`);
  const { vary } = doc;
  if (!isObject(vary) || Object.keys(vary).length === 0) {
    throw new UsageError(
      `${source}: "vary" must be an object of field paths to value lists, e.g. {"learningRate": [0.1, 0.5]}`,
    );
  }
  const axes = Object.entries(vary).map(([path, values]) => {
    checkPath(path, `${source}: vary`);
    if (!Array.isArray(values) || values.length === 0) {
      throw new UsageError(`${source}: vary."${path}" must be a non-empty array of values`);
    }
    return { path, values };
  });
  const count = axes.reduce((n, axis) => n * axis.values.length, 1);
  if (count > MAX_SWEEP_RUNS) {
    throw new UsageError(
      `${source}: the sweep expands to ${count} runs; at most ${MAX_SWEEP_RUNS} fit in one file`,
    );
  }
  let runs: { names: string[]; config: unknown }[] = [{ names: [], config: base }];
  for (const { path, values } of axes) {
    runs = runs.flatMap((run) =>
      values.map((value) => ({
        names: [...run.names, settingPhrase(path, value)],
        config: withPath(run.config, path, value),
      })),
    );
  }
  return runs.map((run) => ({ label: run.names.join(PHRASE_SEPARATOR), config: run.config }));
}
