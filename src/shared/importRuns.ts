/**
 * Reading an exchange file (see exchange.ts) back into runs: the one door through which outside data
 * enters the app. A rejection is one sentence naming the problem; no input makes it throw.
 *
 * Run names are cleaned of invisible characters but kept as text: `<img src=x onerror=...>` stays
 * those characters, since the app renders names through React text nodes, never as HTML. Ids,
 * experiment ids and groups are kept as they are (the schema bounds their length).
 *
 * Series points are checked by a plain loop that mirrors seriesExportSchema (and is stricter: steps
 * must increase and fit an Int32Array); zod then checks the rest of the document with the point
 * arrays emptied. Zod takes about 0.4 µs per element, seconds for a full 5-million-point file.
 */
import { visible } from './visibleText';
import type { z } from './zod';
import type { BackendName } from './backends';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  exchangeSchema,
  IMPORT_LIMITS,
  type RunExport,
} from './exchange';
import { METRIC_IDS, type MetricId } from './metrics';
import type { RunConfig } from './runConfig';
import type { RunStatus } from './runStatus';
import { errorMessage } from './errorMessage';

/** Largest file read, bytes of UTF-8 (1 MB = 1,000,000 bytes); callers may check File.size first. */
export const MAX_IMPORT_BYTES = 100_000_000;
/** Problems a rejection lists before "+N more". */
const MAX_LISTED = 3;
/** Largest step an Int32Array holds. */
const MAX_STEP = 2 ** 31 - 1;
/** Largest finite float32. */
const MAX_FLOAT32 = 3.4028234663852886e38;
/** Characters of a key, id or value quoted in a message or note. */
const MAX_QUOTED = 40;
/** Characters of the engine's reason shown for a file that is not JSON. */
const MAX_REASON = 80;

/** One metric series in the app's form. */
interface ImportedSeries {
  /** Training step of each point, increasing. */
  steps: Int32Array;
  /** Milliseconds since the run started, per point. */
  times: Float32Array;
  /** NaN where the file has null (a diverged value). */
  values: Float32Array;
  length: number;
}

/** A run read from a file: RunExport with its series as typed arrays. */
export interface ImportedRun {
  /** The run's id in the file (not unique: the store gives imported runs new ids). */
  sourceId: string;
  /** Cleaned name: no control or text-direction characters, at most IMPORT_LIMITS.maxLabel long. */
  label: string;
  config: RunConfig;
  status: RunStatus;
  /** Why it stopped, diverged, stalled or failed (cleaned like labels); null when the file has none. */
  message: string | null;
  /** Steps finished. */
  step: number;
  backend: BackendName | null;
  experimentId: string;
  group: string;
  style: { color: string; dashed: boolean };
  series: Partial<Record<MetricId, ImportedSeries>>;
}

/**
 * The runs of a file, with notes on what was changed on the way in ("run 2: name shortened to 80
 * characters"); or one sentence naming why the file cannot be imported.
 */
export type ImportResult =
  { ok: true; runs: ImportedRun[]; notes: string[] } | { ok: false; message: string };

/** A problem at a place in the document. */
interface Problem {
  path: PropertyKey[];
  message: string;
}

/** A series read from the file, and how many of its values overflowed float32. */
interface ReadSeries {
  series: ImportedSeries;
  overflow: number;
}

type Failure = { ok: false; message: string };
type JsonObject = Record<string, unknown>;

const METRIC_SET: ReadonlySet<string> = new Set(METRIC_IDS);

/** Numbers as messages show them: 200000 -> "200,000". */
const show = (n: number) => n.toLocaleString('en');
/** A rejection. */
const fail = (message: string): Failure => ({ ok: false, message });
/** A JSON object (not null, not an array). */
const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** Whether `key` names a metric. */
const isMetricId = (key: string): key is MetricId => METRIC_SET.has(key);
/** A step the app can hold: a whole number in Int32 range. */
const isStep = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_STEP;
/** A time the app can hold: a finite, non-negative float32. */
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_FLOAT32;

/** At most `max` characters (code points) of `text`, with "…" when cut. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** Text from a file or an engine, safe and short enough to quote in a message. */
const quotable = (text: string, max = MAX_QUOTED) => shorten(visible(text).text, max);

/** One character of a file as a message shows it: "x", or U+0001 when it is invisible. */
function showChar(ch: string): string {
  const shown = quotable(ch);
  const code = ch.codePointAt(0) ?? 0;
  return shown === '' ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${shown}"`;
}

/** Bytes of `text` in UTF-8 (a surrogate pair counts 4); a regex skips the ASCII runs fast. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (const [wide] of text.matchAll(/[\u0080-\uffff]+/g)) {
    for (let i = 0; i < wide.length; i++) {
      const c = wide.charCodeAt(i);
      bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
  }
  return bytes;
}

/** Bytes as megabytes with one decimal, rounded up (so an oversized file never shows the limit). */
const megabytes = (bytes: number) => show(Math.ceil(bytes / 100_000) / 10);

/** "line L, column C" of offset `pos` in `text`. */
function lineAndColumn(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

/** A short reason JSON.parse gave up on `text`, from the engine's message (V8, Firefox, Safari). */
function jsonProblem(text: string, error: unknown): string {
  const message = errorMessage(error);
  // V8 quotes the file around the error ('Unexpected token 'x', "…" is not valid JSON'): drop it.
  const raw = message.replace(/, (\.\.\.)?".*$/s, '');
  const position = /at position (\d+)/.exec(raw);
  const pos = position ? Number(position[1]) : undefined;
  const endsEarly = /unexpected end|end of (json )?(input|data)|unterminated|EOF/i.test(raw);
  if (endsEarly || (pos !== undefined && pos >= text.trimEnd().length)) {
    return 'it ends too early, as if cut off';
  }
  const token = /^Unexpected token '(.+?)', /.exec(message);
  if (token) return `unexpected ${showChar(token[1] ?? '')}`;
  const phrase = raw
    .replace(/^JSON(\.parse:| Parse error:) /, '')
    .replace(/ (in JSON )?at position \d+.*$/s, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '');
  const reason =
    quotable(phrase.charAt(0).toLowerCase() + phrase.slice(1), MAX_REASON) || 'unreadable';
  if (pos !== undefined) return `${reason} at ${lineAndColumn(text, pos)}`;
  const firefox = /at line (\d+) column (\d+)/.exec(raw);
  return firefox ? `${reason} at line ${firefox[1]}, column ${firefox[2]}` : reason;
}

/** The parsed JSON, or the rejection naming why it is not JSON. */
function readJson(text: string): { ok: true; value: unknown } | Failure {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    if (firstLine.includes(',') && !/^[[{]/.test(firstLine)) {
      return fail(
        'This looks like a CSV file: CSV exports are for spreadsheets; to import runs, use ' +
          'their JSON export.',
      );
    }
    return fail(`The file is not valid JSON (${jsonProblem(text, error)}).`);
  }
}

/** A value named in a message: short, never the whole of a large value. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(quotable(value));
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  return String(value);
}

/** `doc` when it is an exchange document of the version read here, else why it is not. */
function readHeader(doc: unknown): { ok: true; doc: JsonObject } | Failure {
  if (!isObject(doc) || doc.format !== EXCHANGE_FORMAT) {
    return fail(`This is not a BatchNorm Lab export (no "format": "${EXCHANGE_FORMAT}").`);
  }
  const version = doc.version;
  const reads = `this version reads version ${EXCHANGE_VERSION}`;
  if (version === EXCHANGE_VERSION) return { ok: true, doc };
  if (version === undefined) return fail(`This file has no format version; ${reads}.`);
  if (typeof version === 'number' && Number.isInteger(version)) {
    const age = version > EXCHANGE_VERSION ? 'a newer' : 'an older';
    return fail(
      `This file was written by ${age} version of BatchNorm Lab (format version ${version}); ${reads}.`,
    );
  }
  return fail(`This file has an unknown format version (${describe(version)}); ${reads}.`);
}

/** "runs[2].config.learningRate" for a path of keys and indexes. */
function formatPath(path: readonly PropertyKey[]): string {
  const parts = path.map((key, i) => {
    if (typeof key === 'number') return `[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
    return `[${JSON.stringify(quotable(name))}]`;
  });
  return parts.join('') || 'the file';
}

/** The series objects of a run, by metric key, when the run has that shape. */
function seriesEntries(run: unknown): [string, JsonObject][] {
  if (!isObject(run) || !isObject(run.series)) return [];
  return Object.entries(run.series).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/** Elements of a value that is an array, 0 otherwise. */
const arrayLength = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** The first import limit the document exceeds, or null (checked before any element is read). */
function limitProblem(runs: unknown): string | null {
  if (!Array.isArray(runs)) return null;
  if (runs.length > IMPORT_LIMITS.maxRuns) {
    return `The file has ${show(runs.length)} runs; the limit is ${show(IMPORT_LIMITS.maxRuns)}.`;
  }
  let total = 0;
  for (const [r, run] of runs.entries()) {
    for (const [metric, s] of seriesEntries(run)) {
      const points = Math.max(arrayLength(s.steps), arrayLength(s.times), arrayLength(s.values));
      if (points > IMPORT_LIMITS.maxPoints) {
        const where = formatPath(['runs', r, 'series', metric]);
        return `${where} has ${show(points)} points; the limit is ${show(IMPORT_LIMITS.maxPoints)} per series.`;
      }
      total += points;
    }
  }
  if (total > IMPORT_LIMITS.maxTotalPoints) {
    return `The file has ${show(total)} points in all; the limit is ${show(IMPORT_LIMITS.maxTotalPoints)}.`;
  }
  return null;
}

/** Steps as an Int32Array, or the first one that is not a whole number in range or not increasing. */
function readSteps(steps: unknown[], path: PropertyKey[]): Int32Array | Problem {
  const out = new Int32Array(steps.length);
  let previous = -1;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!isStep(step)) {
      return {
        path: [...path, 'steps', i],
        message: `must be a whole number from 0 to ${show(MAX_STEP)}`,
      };
    }
    if (step <= previous) {
      return {
        path,
        message: `steps must increase (step ${show(step)} comes after ${show(previous)})`,
      };
    }
    out[i] = step;
    previous = step;
  }
  return out;
}

/** Times as a Float32Array, or the first that is not a number of milliseconds in range. */
function readTimes(times: unknown[], path: PropertyKey[]): Float32Array | Problem {
  const out = new Float32Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const time = times[i];
    if (!isTime(time)) {
      return {
        path: [...path, 'times', i],
        message: 'must be a number of milliseconds, at least 0',
      };
    }
    out[i] = time;
  }
  return out;
}

/** Values as a Float32Array (null and float32 overflows as NaN), or the first that is neither. */
function readValues(
  values: unknown[],
  path: PropertyKey[],
): { values: Float32Array; overflow: number } | Problem {
  const out = new Float32Array(values.length);
  let overflow = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) {
      out[i] = NaN;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      const float = Math.fround(value);
      if (!Number.isFinite(float)) overflow += 1;
      out[i] = Number.isFinite(float) ? float : NaN;
    } else {
      return {
        path: [...path, 'values', i],
        message: 'must be a number or null (null stands for NaN)',
      };
    }
  }
  return { values: out, overflow };
}

/** One series as typed arrays, or its first problem; null when its shape is left to the schema. */
function readSeries(s: JsonObject, path: PropertyKey[]): ReadSeries | Problem | null {
  const { steps, times, values } = s;
  if (!Array.isArray(steps) || !Array.isArray(times) || !Array.isArray(values)) return null;
  if (steps.length !== times.length || steps.length !== values.length) {
    const lengths = `${steps.length}, ${times.length} and ${values.length}`;
    return { path, message: `steps, times and values must have the same length (${lengths})` };
  }
  const stepArray = readSteps(steps, path);
  if (!(stepArray instanceof Int32Array)) return stepArray;
  const timeArray = readTimes(times, path);
  if (!(timeArray instanceof Float32Array)) return timeArray;
  const read = readValues(values, path);
  if ('path' in read) return read;
  const series = { steps: stepArray, times: timeArray, values: read.values, length: steps.length };
  return { series, overflow: read.overflow };
}

/** Every series of every run read into typed arrays (by run, then metric key), and the problems. */
function readAllSeries(runs: unknown): { read: Map<string, ReadSeries>[]; problems: Problem[] } {
  const read: Map<string, ReadSeries>[] = [];
  const problems: Problem[] = [];
  if (!Array.isArray(runs)) return { read, problems };
  for (const [r, run] of runs.entries()) {
    const byMetric = new Map<string, ReadSeries>();
    for (const [metric, s] of seriesEntries(run)) {
      const result = readSeries(s, ['runs', r, 'series', metric]);
      if (result === null) continue;
      if ('path' in result) problems.push(result);
      else byMetric.set(metric, result);
    }
    read.push(byMetric);
  }
  return { read, problems };
}

/** `doc` with every array inside a series emptied (read above), so zod's pass costs O(runs). */
function withoutPoints(doc: JsonObject): JsonObject {
  if (!Array.isArray(doc.runs)) return doc;
  const emptied = (s: unknown) =>
    isObject(s)
      ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.isArray(v) ? [] : v]))
      : s;
  const runs = doc.runs.map((run: unknown) =>
    isObject(run) && isObject(run.series)
      ? {
          ...run,
          series: Object.fromEntries(Object.entries(run.series).map(([k, s]) => [k, emptied(s)])),
        }
      : run,
  );
  return { ...doc, runs };
}

/** "must be at least 3", "must have at most 40 characters" and kin, for zod's size issues. */
function sizeText(origin: string, bound: number | bigint, relation: string, exact = false): string {
  const n = typeof bound === 'bigint' ? bound.toString() : show(bound);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return `must be ${relation} ${n}`;
  }
  if (origin === 'string' && relation === 'at least' && bound === 1) return 'must not be empty';
  const unit = origin === 'string' ? 'characters' : 'items';
  return `must have ${exact ? 'exactly' : relation} ${n} ${unit}`;
}

/** What zod's type names read as in a message. */
const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

/** Quoted, comma-separated, at most 8 shown. */
function quoteList(items: readonly unknown[]): string {
  const shown = items.slice(0, 8).map((v) => (typeof v === 'string' ? describe(v) : String(v)));
  return items.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Messages for zod's built-in checks (the schema's own messages, e.g. in runConfig, win). */
const readableIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const relation = issue.inclusive === false ? 'greater than' : 'at least';
      return sizeText(issue.origin, issue.minimum, relation, issue.exact);
    }
    case 'too_big': {
      const relation = issue.inclusive === false ? 'less than' : 'at most';
      return sizeText(issue.origin, issue.maximum, relation, issue.exact);
    }
    case 'invalid_value':
      return `must be one of ${quoteList(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `must match ${issue.pattern}`
        : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${quoteList(issue.keys)}`;
    case 'invalid_union':
      return 'has the wrong type';
    default:
      return undefined;
  }
};

/** Run index a problem belongs to (-1 for the document itself), to list problems in file order. */
const runIndex = (p: Problem) =>
  p.path[0] === 'runs' && typeof p.path[1] === 'number' ? p.path[1] : -1;

/** The rejection listing the first few problems, run by run (the document's own first). */
function problemsMessage(problems: Problem[]): string {
  const sorted = [...problems].sort((a, b) => runIndex(a) - runIndex(b));
  const listed = sorted.slice(0, MAX_LISTED).map((p) => `${formatPath(p.path)}: ${p.message}`);
  const more = sorted.length > MAX_LISTED ? `; +${sorted.length - MAX_LISTED} more` : '';
  return `The file has invalid data: ${listed.join('; ')}${more}.`;
}

/** The name of run `n` (1-based) as the app shows it, and notes on what cleaning changed. */
function cleanLabel(raw: string, n: number): { label: string; notes: string[] } {
  const notes: string[] = [];
  const cleaned = visible(raw);
  let label = cleaned.text;
  if (cleaned.removed) {
    notes.push(`run ${n}: control or text-direction characters removed from the name`);
  }
  const chars = Array.from(label);
  if (chars.length > IMPORT_LIMITS.maxLabel) {
    label = chars.slice(0, IMPORT_LIMITS.maxLabel).join('').trimEnd();
    notes.push(`run ${n}: name shortened to ${IMPORT_LIMITS.maxLabel} characters`);
  }
  if (label === '') {
    label = `imported run ${n}`;
    notes.push(`run ${n}: the name was empty, so it is now "${label}"`);
  }
  return { label, notes };
}

/** The app's runs from validated runs and their series read as typed arrays, with notes. */
function importedRuns(
  runs: readonly RunExport[],
  read: readonly Map<string, ReadSeries>[],
): { runs: ImportedRun[]; notes: string[] } {
  const notes: string[] = [];
  const firstWithId = new Map<string, number>();
  const out = runs.map((run, i): ImportedRun => {
    const n = i + 1;
    const cleaned = cleanLabel(run.label, n);
    notes.push(...cleaned.notes);
    const first = firstWithId.get(run.id);
    if (first === undefined) firstWithId.set(run.id, n);
    else notes.push(`run ${n}: same id as run ${first} (${describe(run.id)}); both were imported`);
    const series: Partial<Record<MetricId, ImportedSeries>> = {};
    for (const [metric, s] of read[i] ?? []) {
      if (!isMetricId(metric)) continue;
      series[metric] = s.series;
      if (s.overflow > 0) {
        const values = s.overflow === 1 ? 'value' : 'values';
        notes.push(
          `run ${n}: ${show(s.overflow)} ${metric} ${values} beyond the 32-bit float range read as NaN`,
        );
      }
    }
    return {
      sourceId: run.id,
      label: cleaned.label,
      config: run.config,
      status: run.status,
      message: run.message ? visible(run.message).text || null : null,
      step: run.step,
      backend: run.backend,
      experimentId: run.experimentId,
      group: run.group,
      style: run.style,
      series,
    };
  });
  return { runs: out, notes };
}

/** parseImport without the safety net. */
function parseText(text: unknown): ImportResult {
  if (typeof text !== 'string') return fail('The file could not be read as text.');
  const bytes = text.length * 3 > MAX_IMPORT_BYTES ? utf8Length(text) : text.length;
  if (bytes > MAX_IMPORT_BYTES) {
    const limit = megabytes(MAX_IMPORT_BYTES);
    return fail(`The file is too large (${megabytes(bytes)} MB; the limit is ${limit} MB).`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark
  if (body.trim() === '') return fail('The file is empty.');
  const json = readJson(body);
  if (!json.ok) return json;
  const header = readHeader(json.value);
  if (!header.ok) return header;
  const { doc } = header;
  const limit = limitProblem(doc.runs);
  if (limit !== null) return fail(limit);
  const points = readAllSeries(doc.runs);
  const checked = exchangeSchema.safeParse(withoutPoints(doc), { error: readableIssue });
  const problems: Problem[] = checked.success
    ? []
    : checked.error.issues.map(({ path, message }) => ({ path, message }));
  problems.push(...points.problems);
  if (!checked.success || problems.length > 0) return fail(problemsMessage(problems));
  if (checked.data.runs.length === 0) return fail('The file contains no runs.');
  return { ok: true, ...importedRuns(checked.data.runs, points.read) };
}

/**
 * Runs from the text of an exchange file, or one sentence saying why it cannot be imported.
 * Never throws: an unforeseen error becomes a rejection too.
 */
export function parseImport(text: string): ImportResult {
  try {
    return parseText(text);
  } catch (error) {
    const reason = quotable(errorMessage(error));
    return fail(`The file could not be imported (unexpected error: ${reason}).`);
  }
}
