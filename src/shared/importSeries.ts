/**
 * The points of an exchange file's series, read by plain loops into typed arrays before zod sees
 * the rest of the document: zod takes about 0.4 µs per element, seconds for a 5-million-point
 * file. The loops mirror seriesExportSchema and are stricter (steps must increase and fit an
 * Int32Array).
 */
import { IMPORT_LIMITS } from './exchange';
import type { SizedSeries } from './seriesPoints';
import { formatPath, isObject, show, type JsonObject } from './importText';

/** Largest step an Int32Array holds. */
const MAX_STEP = 2 ** 31 - 1;

/** Largest finite float32. */
const MAX_FLOAT32 = 3.4028234663852886e38;

/** A problem at a place in the document. */
export interface Problem {
  path: PropertyKey[];
  message: string;
}

/** A series read from the file, and how many of its values overflowed float32. */
export interface ReadSeries {
  series: SizedSeries;
  overflow: number;
}

/** A step the app can hold: a whole number in Int32 range. */
const isStep = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_STEP;

/** A time the app can hold: a finite, non-negative float32. */
const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_FLOAT32;

/** The series objects of a run, by metric key, when the run has that shape. */
function seriesEntries(run: unknown): [string, JsonObject][] {
  if (!isObject(run) || !isObject(run.series)) return [];
  return Object.entries(run.series).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/** Elements of a value that is an array, 0 otherwise. */
const arrayLength = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** The first import limit the document exceeds, or null (checked before any element is read). */
export function limitProblem(runs: unknown): string | null {
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
export function readAllSeries(runs: unknown): {
  read: Map<string, ReadSeries>[];
  problems: Problem[];
} {
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
export function withoutPoints(doc: JsonObject): JsonObject {
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
