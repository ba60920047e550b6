/**
 * Reading an exchange file (see exchange.ts) back into runs: the one door through which outside data
 * enters the app. A rejection is one sentence naming the problem; no input makes it throw.
 *
 * Run names are cleaned of invisible characters but kept as text: `<img src=x onerror=...>` stays
 * those characters, since the app renders names through React text nodes, never as HTML. Ids,
 * experiment ids and groups are kept as they are (the schema bounds their length).
 *
 * Series points are read first into typed arrays (importSeries.ts); zod then checks the rest of the
 * document with the point arrays emptied.
 */
import { errorMessage } from './errorMessage';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  exchangeSchema,
  IMPORT_LIMITS,
  type RunExport,
} from './exchange';
import {
  limitProblem,
  readAllSeries,
  withoutPoints,
  type Problem,
  type ReadSeries,
} from './importSeries';
import {
  describe,
  fail,
  formatPath,
  isObject,
  megabytes,
  quotable,
  readJson,
  show,
  utf8Length,
  type Failure,
  type JsonObject,
} from './importText';
import { METRIC_IDS, type MetricId } from './metrics';
import { visible } from './visibleText';
import type { RunRecord } from './runRecord';
import type { SizedSeries } from './seriesPoints';
import { readableIssue } from './zodIssueText';

/** Largest file read, bytes of UTF-8 (1 MB = 1,000,000 bytes); callers may check File.size first. */
export const MAX_IMPORT_BYTES = 100_000_000;

/** Problems a rejection lists before "+N more". */
const MAX_LISTED = 3;

/** A run read from a file: RunExport with its series as typed arrays. */
export interface ImportedRun extends RunRecord {
  /** The run's id in the file (not unique: the store gives imported runs new ids). */
  sourceId: string;
  /** Cleaned name: no control or text-direction characters, at most IMPORT_LIMITS.maxLabel long. */
  label: string;
  /** Why it stopped, diverged, stalled or failed (cleaned like labels); null when the file has none. */
  message: string | null;
  style: { color: string; dashed: boolean };
  series: Partial<Record<MetricId, SizedSeries>>;
}

/**
 * The runs of a file, with notes on what was changed on the way in ("run 2: name shortened to 80
 * characters"); or one sentence naming why the file cannot be imported.
 */
export type ImportResult =
  { ok: true; runs: ImportedRun[]; notes: string[] } | { ok: false; message: string };

const METRIC_SET: ReadonlySet<string> = new Set(METRIC_IDS);

/** Whether `key` names a metric. */
const isMetricId = (key: string): key is MetricId => METRIC_SET.has(key);

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
    const series: Partial<Record<MetricId, SizedSeries>> = {};
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
