/**
 * Fuzzing parseImport from one valid export: truncations, byte flips and structural changes. It must
 * never throw; it rejects with a message, or accepts only documents exchangeSchema accepts.
 * FUZZ_STATS=1 prints how many cases were accepted and rejected, and how long each family took.
 */
import { describe, expect, it } from 'vitest';
import { exchangeSchema, toExchange, type RunForExport } from '../../../src/shared/exchange';
import { parseImport, type ImportResult } from '../../../src/shared/importRuns';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { mulberry32 } from '../../../src/shared/mulberry32';

const TRUNCATIONS = 200;
const BYTE_MUTATIONS = 500;
const STRUCTURAL_MUTATIONS = 300;
/** Elements of the one oversized array a structural mutation inserts. */
const HUGE_ARRAY = 300_000;

/** A series of `n` points with a NaN in the middle, as plain arrays. */
function points(n: number, scale: number) {
  const steps = Array.from({ length: n }, (_, i) => (i + 1) * 10);
  const values = steps.map((s, i) => (i === n >> 1 ? NaN : Math.fround(scale / s)));
  return { steps, times: steps.map((s) => s * 3.7), values, length: n };
}

/** Two runs, three series each: a small but complete export. */
function baseRuns(): RunForExport[] {
  const run = (id: string, label: string): RunForExport => ({
    id,
    label,
    config: DEFAULT_RUN_CONFIG,
    status: 'completed',
    message: null,
    step: 80,
    backend: 'webgl',
    experimentId: 'lab',
    group: id,
    style: { color: '#2ca02c', dashed: false },
    series: { trainLoss: points(8, 2.3), testAccuracy: points(4, 0.9), meanShift1: points(6, 1) },
  });
  return [run('a', 'Plain «SGD» ünïcødé'), run('b', 'BN <b>bold</b>')];
}

type Path = (string | number)[];
type Node = Record<string | number, unknown>;
const isContainer = (v: unknown): v is Node => typeof v === 'object' && v !== null;

/** Every path inside `value` (object keys and array indexes), depth first. */
function allPaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (!isContainer(value)) return out;
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  for (const key of keys) {
    out.push([...path, key]);
    allPaths(value[key], [...path, key], out);
  }
  return out;
}

/** The container holding the last key of `path`. */
function parentOf(root: unknown, path: Path): Node {
  let node = root as Node;
  for (const key of path.slice(0, -1)) node = node[key] as Node;
  return node;
}

/** What a structural mutation may put in place of a value. */
const REPLACEMENTS: (() => unknown)[] = [
  () => 'NaN',
  () => -1,
  () => 1e308,
  () => null,
  () => [],
  () => ({}),
];

interface Tally {
  accepted: number;
  rejected: number;
  ms: number;
}

/** Runs parseImport on `text` and checks the promise it makes; `label` names the case. */
function check(text: string, label: string, tally: Tally): ImportResult {
  let result: ImportResult;
  try {
    result = parseImport(text);
  } catch (error) {
    throw new Error(`${label}: parseImport threw ${String(error)}`);
  }
  if (result.ok) {
    tally.accepted += 1;
    const doc: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    const valid = exchangeSchema.safeParse(doc);
    expect(valid.success, `${label}: accepted a document the schema rejects`).toBe(true);
    expect(result.runs.length, label).toBe(valid.data?.runs.length);
    for (const run of result.runs) {
      for (const s of Object.values(run.series)) {
        expect(s.steps, label).toBeInstanceOf(Int32Array);
        expect(s.times, label).toBeInstanceOf(Float32Array);
        expect(s.values, label).toBeInstanceOf(Float32Array);
        expect([s.steps.length, s.times.length, s.values.length], label).toEqual([
          s.length,
          s.length,
          s.length,
        ]);
      }
    }
  } else {
    tally.rejected += 1;
    expect(result.message.length, label).toBeGreaterThan(0);
    expect(result.message, `${label}: hit the safety net`).not.toMatch(/unexpected error/);
  }
  return result;
}

/** Times `run` and adds the milliseconds to the tally. */
function timed(tally: Tally, run: () => void): void {
  const start = performance.now();
  run();
  tally.ms += performance.now() - start;
}

const newTally = (): Tally => ({ accepted: 0, rejected: 0, ms: 0 });
const stats = { truncation: newTally(), byte: newTally(), structural: newTally() };

/** Prints the stats when FUZZ_STATS is set. */
function report(name: keyof typeof stats): void {
  const t = stats[name];
  if (process.env.FUZZ_STATS) {
    console.log(`${name}: ${t.accepted} accepted, ${t.rejected} rejected, ${t.ms.toFixed(0)} ms`);
  }
}

describe('parseImport fuzz', () => {
  const base = toExchange(baseRuns(), 'fuzz', new Date(0));
  const text = JSON.stringify(base, null, 1);

  it('accepts the unmutated export', () => {
    expect(check(text, 'base', newTally()).ok).toBe(true);
  });

  it(`rejects every one of ${TRUNCATIONS} truncations as empty or not JSON`, () => {
    const tally = stats.truncation;
    timed(tally, () => {
      for (let k = 0; k < TRUNCATIONS; k++) {
        const cut = Math.floor((k * text.length) / TRUNCATIONS);
        const result = check(text.slice(0, cut), `truncated at ${cut}`, tally);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.message).toMatch(/^The file (is empty|is not valid JSON \(.+\))\.$/);
        }
      }
    });
    report('truncation');
    expect(tally.rejected).toBe(TRUNCATIONS);
  });

  it(`survives ${BYTE_MUTATIONS} random single-byte changes`, () => {
    const random = mulberry32(0xb47c);
    const bytes = new TextEncoder().encode(text);
    const decoder = new TextDecoder();
    const tally = stats.byte;
    timed(tally, () => {
      for (let k = 0; k < BYTE_MUTATIONS; k++) {
        const mutated = bytes.slice();
        const at = Math.floor(random() * bytes.length);
        mutated[at] = (bytes[at]! + 1 + Math.floor(random() * 255)) % 256;
        check(decoder.decode(mutated), `byte ${at} set to ${mutated[at]}`, tally);
      }
    });
    report('byte');
    expect(tally.accepted + tally.rejected).toBe(BYTE_MUTATIONS);
  });

  it(`survives ${STRUCTURAL_MUTATIONS} random structural changes`, () => {
    const random = mulberry32(0x5eed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const paths = allPaths(base);
    const seriesArrays = paths.filter(
      (p) => p[2] === 'series' && p.length === 5 && typeof p[4] === 'string',
    );
    const tally = stats.structural;
    timed(tally, () => {
      for (let k = 0; k < STRUCTURAL_MUTATIONS; k++) {
        const doc: unknown = JSON.parse(JSON.stringify(base)); // unshared, unlike structuredClone
        const huge = k === 0;
        const path = huge ? pick(seriesArrays) : pick(paths);
        const parent = parentOf(doc, path);
        const key = path[path.length - 1]!;
        let change: string;
        if (huge) {
          parent[key] = new Array<number>(HUGE_ARRAY).fill(0);
          change = `${HUGE_ARRAY} zeros`;
        } else if (random() < 0.3) {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else Reflect.deleteProperty(parent, key);
          change = 'deleted';
        } else {
          parent[key] = pick(REPLACEMENTS)();
          change = `set to ${JSON.stringify(parent[key])}`;
        }
        const result = check(JSON.stringify(doc), `${path.join('.')} ${change}`, tally);
        if (huge)
          expect(result.ok ? '' : result.message).toMatch(/the limit is 200,000 per series/);
      }
    });
    report('structural');
    // Some changes keep the document valid (a deleted series, a value set to null): both paths ran.
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);
  });
});
