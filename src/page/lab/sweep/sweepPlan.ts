/**
 * A sweep typed in the lab's editor: one or two settings, each with a list of values ("0.01, 0.1,
 * 1", "none, batchnorm") or a log range ("0.01..2 x8": 8 values from 0.01 to 2, evenly spaced on
 * a log scale), crossed into configurations, each checked by the run schema before anything starts.
 */
import {
  checkRunConfig,
  NORMALIZATIONS,
  OPTIMIZERS,
  type RunConfig,
} from '../../../shared/runConfig';
import { SHIPPED_DATASETS } from '../../../shared/datasets';
import { PHRASE_SEPARATOR, settingPhrase } from '../../../shared/settingNames';
import { MAX_SWEEP_RUNS } from '../../store/labLaunches';

export { MAX_SWEEP_RUNS };

/** A setting the editor can sweep. */
export interface SweepField {
  label: string;
  /** Numbers (a list or a log range), or one of a fixed list of names. */
  kind: 'number' | 'choice';
  options?: readonly string[];
  /** An example of what to type, for the field's help. */
  example: string;
}

const SWEEP_FIELD_TABLE = {
  learningRate: { label: 'learning rate', kind: 'number', example: '0.01..2 x8' },
  'model.normalization': {
    label: 'normalization',
    kind: 'choice',
    options: NORMALIZATIONS,
    example: 'none, batchnorm',
  },
  batchSize: { label: 'batch size', kind: 'number', example: '16, 32, 64' },
  'model.gammaInit': { label: 'BN γ₀', kind: 'number', example: '0.1, 1' },
  'optimizer.name': {
    label: 'optimizer',
    kind: 'choice',
    options: OPTIMIZERS,
    example: 'sgd, adam',
  },
  'optimizer.momentum': { label: 'momentum', kind: 'number', example: '0, 0.5, 0.9' },
  dataset: {
    label: 'dataset',
    kind: 'choice',
    options: SHIPPED_DATASETS,
    example: 'mnist, fashion-mnist',
  },
} as const satisfies Record<string, SweepField>;

export type SweepFieldId = keyof typeof SWEEP_FIELD_TABLE;
/** Settings the editor can sweep, by field path, in menu order. */
export const SWEEP_FIELDS: Record<SweepFieldId, SweepField> = SWEEP_FIELD_TABLE;
export const SWEEP_FIELD_IDS = Object.keys(SWEEP_FIELDS) as SweepFieldId[];
export const isSweepFieldId = (id: string): id is SweepFieldId => Object.hasOwn(SWEEP_FIELDS, id);

/** Most values one swept setting may take. */
const MAX_SWEEP_VALUES = 16;
/** Significant digits of the values of a log range (0.0196 rather than 0.019614...). */
const RANGE_DIGITS = 3;

/** One swept setting as typed. */
export interface SweepAxis {
  field: SweepFieldId;
  text: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A log range "a..b xN": N values from a to b (both above 0), evenly spaced in log. */
const RANGE = /^\s*([^\s.][^\s]*?)\s*\.\.\s*([^\s]+)\s*[x×]\s*(\d+)\s*$/i;

/** `count` values from `lo` to `hi`, evenly spaced on a log scale, to RANGE_DIGITS digits. */
export function logRange(lo: number, hi: number, count: number): number[] {
  if (count === 1) return [lo];
  const step = Math.log(hi / lo) / (count - 1);
  return Array.from({ length: count }, (_, i) =>
    Number((lo * Math.exp(step * i)).toPrecision(RANGE_DIGITS)),
  );
}

/** The values typed for `field`: a list, or for numbers a log range; or why they are not. */
export function parseValues(field: SweepFieldId, text: string): Parsed<(number | string)[]> {
  const info = SWEEP_FIELDS[field];
  if (text.trim() === '') return { ok: false, message: `type the ${info.label} values` };
  let values: (number | string)[];
  const range = info.kind === 'number' ? RANGE.exec(text) : null;
  if (range) {
    const [lo, hi, count] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!(lo > 0) || !(hi > lo)) {
      return { ok: false, message: 'a log range needs 0 < from < to, as in 0.01..2 x8' };
    }
    if (count < 2 || count > MAX_SWEEP_VALUES) {
      return { ok: false, message: `a range takes 2 to ${MAX_SWEEP_VALUES} values` };
    }
    values = logRange(lo, hi, count);
  } else {
    const parts = text
      .split(/[,;\s]+/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (info.kind === 'number') {
      const bad = parts.find((p) => !Number.isFinite(Number(p)));
      if (bad !== undefined) {
        return { ok: false, message: `“${bad}” is not a number (e.g. ${info.example})` };
      }
      values = parts.map(Number);
    } else {
      const options = info.options ?? [];
      const bad = parts.find((p) => !options.includes(p));
      if (bad !== undefined) {
        return { ok: false, message: `“${bad}” is not one of ${options.join(', ')}` };
      }
      values = parts;
    }
  }
  const distinct = [...new Set(values)];
  if (distinct.length > MAX_SWEEP_VALUES) {
    return { ok: false, message: `at most ${MAX_SWEEP_VALUES} values` };
  }
  return { ok: true, value: distinct };
}

/** `config` with the setting at field path `path` set to `value` (a copy; the rest shared). */
export function withSetting(config: RunConfig, path: string, value: unknown): RunConfig {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return config;
  const record = config as unknown as Record<string, unknown>;
  if (rest.length === 0) return { ...config, [head]: value };
  const inner = record[head];
  if (inner === null || typeof inner !== 'object') return config;
  return {
    ...config,
    [head]: withSetting(inner as RunConfig, rest.join('.'), value),
  } as RunConfig;
}

/** One configuration of a sweep, named from its swept values ("LR 0.5 · BN"). */
export interface SweepConfig {
  name: string;
  config: RunConfig;
}

/**
 * Every configuration of the sweep: `base` with each combination of the axes' values (the first
 * axis varying slowest), each valid by the run schema; or the first problem, naming the setting.
 */
export function planSweep(
  base: RunConfig,
  axes: readonly SweepAxis[],
  seeds: number,
): Parsed<SweepConfig[]> {
  if (axes.length === 0) return { ok: false, message: 'choose a setting to sweep' };
  if (new Set(axes.map((a) => a.field)).size < axes.length) {
    return { ok: false, message: 'sweep two different settings' };
  }
  let configs: SweepConfig[] = [{ name: '', config: base }];
  for (const axis of axes) {
    const parsed = parseValues(axis.field, axis.text);
    if (!parsed.ok)
      return { ok: false, message: `${SWEEP_FIELDS[axis.field].label}: ${parsed.message}` };
    configs = configs.flatMap((c) =>
      parsed.value.map((value) => ({
        name:
          c.name === ''
            ? settingPhrase(axis.field, value)
            : `${c.name}${PHRASE_SEPARATOR}${settingPhrase(axis.field, value)}`,
        config: withSetting(c.config, axis.field, value),
      })),
    );
  }
  const runs = configs.length * seeds;
  if (runs > MAX_SWEEP_RUNS) {
    return {
      ok: false,
      message: `${configs.length} configurations × ${seeds} seeds is ${runs} runs; the limit is ${MAX_SWEEP_RUNS}`,
    };
  }
  for (const c of configs) {
    const check = checkRunConfig(c.config);
    if (!check.ok) {
      const error = check.errors[0];
      return {
        ok: false,
        message: `${c.name}: ${error?.path ?? 'config'} ${error?.message ?? 'is invalid'}`,
      };
    }
    c.config = check.config;
  }
  return { ok: true, value: configs };
}

/** Steps per second the backend probe measured at this batch size (the probe trains batch 20). */
const PROBE_BATCH = 20;

/** Seconds the sweep would train, estimated from the probe's ms per step; NaN without one. */
export function sweepSeconds(
  configs: readonly SweepConfig[],
  seeds: number,
  probeMsPerStep: number | undefined,
): number {
  if (probeMsPerStep === undefined || !(probeMsPerStep > 0)) return NaN;
  const batchSteps = configs.reduce(
    (sum, c) => sum + c.config.steps * (c.config.batchSize / PROBE_BATCH),
    0,
  );
  return (batchSteps * seeds * probeMsPerStep) / 1000;
}
