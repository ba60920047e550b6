/** Runs, documents and file texts the import tests build, and their accepted or rejected results. */
import { toExchange, type Exchange, type RunForExport } from '../../../src/shared/exchange';
import { parseImport, type ImportedRun, type ImportResult } from '../../../src/shared/importRuns';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

/** A series held as the store holds it: typed arrays with spare capacity past `length`. */
export function series(steps: number[], values: number[], times = steps.map((s) => s * 12.34)) {
  const capacity = steps.length + 3;
  const typed = {
    steps: new Int32Array(capacity),
    times: new Float32Array(capacity),
    values: new Float32Array(capacity),
    length: steps.length,
  };
  typed.steps.set(steps);
  typed.times.set(times);
  typed.values.set(values);
  return typed;
}

/** A finished run with a loss series (one NaN) and a test-accuracy series. */
export function makeRun(change: Partial<RunForExport> = {}): RunForExport {
  return {
    id: 'run-1',
    label: 'Plain, lr 0.1',
    config: DEFAULT_RUN_CONFIG,
    status: 'completed',
    message: null,
    step: 5,
    backend: 'cpu',
    experimentId: 'lab',
    group: 'group-1',
    style: { color: '#1f77b4', dashed: false },
    series: {
      trainLoss: series([1, 2, 3, 4, 5], [2.302585, 1.7, NaN, 0.123456789, 1e-7]),
      testAccuracy: series([5], [0.9375]),
    },
    ...change,
  };
}

/** The exchange document of `runs` (a fresh, mutable copy). */
export const exchangeOf = (runs: RunForExport[]): Exchange =>
  JSON.parse(JSON.stringify(toExchange(runs, 'test', new Date(0)))) as Exchange;

/** The file text of a document. */
export const textOf = (doc: unknown) => JSON.stringify(doc);

/** The file text of one default run after `mutate` changed its document. */
export function textWith(mutate: (doc: Exchange) => void, runs = [makeRun()]): string {
  const doc = exchangeOf(runs);
  mutate(doc);
  return textOf(doc);
}

/** Set the value at `path` inside a parsed document, whatever its declared type. */
export function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

/** The runs and notes of an import that must succeed. */
export function accepted(result: ImportResult): { runs: ImportedRun[]; notes: string[] } {
  if (!result.ok) throw new Error(`expected the import to succeed: ${result.message}`);
  return result;
}

/** The message of an import that must fail. */
export function rejected(result: ImportResult): string {
  if (result.ok) throw new Error('expected the import to be rejected');
  return result.message;
}

/** The label the app gets for a run named `label`, and the notes. */
export function importLabel(label: string) {
  const { runs, notes } = accepted(parseImport(textOf(exchangeOf([makeRun({ label })]))));
  return { label: runs[0]!.label, notes };
}
