/**
 * What each measurement costs at its default cadence, on wasm in Node: the mean ms per training
 * step (a measurement every k steps is spread over its k steps) with that measurement alone, with
 * each experiment's set, and with every preset's at once, against the same step without any.
 */
import { timeTrainingSteps } from '../../src/bench/timeSteps.ts';
import { MEASURE_PRESETS } from '../../src/shared/measurePresets.ts';
import type { MeasureConfig } from '../../src/shared/runConfig.ts';
import { benchConfig } from '../../src/bench/benchCases.ts';

/**
 * Timed steps per cell: a multiple of every cadence (5, 10, 20, 25), so each is spread evenly, and
 * long enough that the landscape (every 20 steps) is measured 10 times.
 */
const MEASURE_COST_STEPS = 200;

const { ics, smoothness } = MEASURE_PRESETS;

/** The rows: a name and the measurement settings over the defaults (none = plain training). */
const MEASURE_SETS: [string, Partial<MeasureConfig>][] = [
  ['none', {}],
  [`moments every ${ics.momentsEvery}`, { momentsEvery: ics.momentsEvery }],
  [`quantiles every ${ics.quantilesEvery}`, { quantilesEvery: ics.quantilesEvery }],
  [`ICS every ${ics.icsEvery}`, { icsEvery: ics.icsEvery }],
  [`landscape every ${smoothness.landscapeEvery} (weights)`, { ...smoothness, activationLayer: 0 }],
  [`landscape every ${smoothness.landscapeEvery} (+ activations)`, smoothness],
  ['preset: is it ICS?', ics],
  ['preset: error surface', smoothness],
  ['all presets at once', { ...ics, ...smoothness }],
];

export interface MeasureCostRow {
  name: string;
  /** Mean ms per step, by case id ("plain b20", "bn b20"). */
  meanMs: Record<string, number>;
}

export async function measureCostRows(log: (line: string) => void): Promise<MeasureCostRow[]> {
  const rows: MeasureCostRow[] = [];
  for (const [name, measure] of MEASURE_SETS) {
    const row: MeasureCostRow = { name, meanMs: {} };
    for (const normalization of ['none', 'batchnorm'] as const) {
      const base = benchConfig({ id: '', normalization, batchSize: 20 });
      const config = { ...base, measure: { ...base.measure, ...measure } };
      const timing = await timeTrainingSteps(config, () => performance.now(), {
        minSteps: MEASURE_COST_STEPS,
        maxSteps: MEASURE_COST_STEPS,
        budgetMs: Infinity,
      });
      row.meanMs[normalization === 'none' ? 'plain b20' : 'bn b20'] = timing.meanMs;
    }
    rows.push(row);
    log(`bench: measurement cost, ${name} done`);
  }
  return rows;
}

/** The table: mean ms per step and the overhead over plain training of the same network. */
export function formatMeasureCost(rows: MeasureCostRow[]): string[][] {
  const none = rows[0]?.meanMs ?? {};
  const cell = (row: MeasureCostRow, id: string) => {
    const ms = row.meanMs[id];
    const base = none[id];
    if (ms === undefined || base === undefined) return '–';
    return row === rows[0]
      ? `${ms.toFixed(1)}`
      : `${ms.toFixed(1)} (+${Math.round((ms / base - 1) * 100)}%)`;
  };
  return [
    ['measurements (wasm, node)', 'plain b20 mean ms', 'bn b20 mean ms'],
    ...rows.map((row) => [row.name, cell(row, 'plain b20'), cell(row, 'bn b20')]),
  ];
}
