/**
 * `npm run reproduce`: runs the presets headless in Node with the app's engine (fixed seeds, several
 * each, a reduced number of steps) and prints the paper's four claims beside what was measured,
 * with a verdict per claim. Writes bench-results/reproduce.json. Verdicts report what happened at
 * this scale; nothing here is tuned until a claim holds.
 * Usage: npm run reproduce [-- --steps 200 --seeds 3]
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registerCpuAndWasm } from '../src/engine/backend/cpuWasm.ts';
import { decodeMnist } from '../src/engine/data/mnistBinary.ts';
import { splitIndices } from '../src/engine/data/split.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { beyondBn } from '../src/experiments/beyondBn.ts';
import { doesBnWork } from '../src/experiments/doesBnWork.ts';
import { isItIcs } from '../src/experiments/isItIcs.ts';
import { DEFAULT_SETTINGS } from '../src/experiments/runs.ts';
import { smoothness } from '../src/experiments/smoothness.ts';
import type { Experiment, ExperimentSettings } from '../src/experiments/types.ts';
import type { MetricId } from '../src/shared/metrics.ts';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '200' },
    seeds: { type: 'string', default: '3' },
  },
});
const STEPS = Number(args.steps);
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => i + 1);
/** "Sooner": test accuracy compared at this fraction of the run. */
const EARLY_FRACTION = 0.5;

/** Everything recorded of one run: per-step metrics and test accuracy by step. */
interface RunRecord {
  key: string;
  seed: number;
  loss: number[];
  test: Map<number, number>;
  measured: Partial<Record<MetricId, number[]>>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

async function runExperiment(experiment: Experiment): Promise<RunRecord[]> {
  const bytes = readFileSync('public/data/mnist-10k.bin');
  const data = decodeMnist(new Uint8Array(bytes));
  const records: RunRecord[] = [];
  for (const seed of SEEDS) {
    const settings: ExperimentSettings = { ...DEFAULT_SETTINGS, steps: STEPS, seed };
    for (const run of experiment.plan(settings)) {
      const split = splitIndices(
        data.count,
        run.config.data.trainSize,
        run.config.data.testSize,
        run.config.data.splitSeed,
      );
      const trainer = createTrainer(run.config, data, split, () => performance.now());
      const record: RunRecord = { key: run.key, seed, loss: [], test: new Map(), measured: {} };
      for (let step = 1; step <= run.config.steps; step++) {
        const result = await trainer.trainStep();
        record.loss.push(result.loss);
        for (const [id, value] of Object.entries(result.measured ?? {}) as [MetricId, number][]) {
          (record.measured[id] ??= []).push(value);
        }
        if (step % run.config.evalEvery === 0 || step === run.config.steps) {
          const acc = await trainer.evaluate();
          if (acc !== null) record.test.set(step, acc);
        }
        if (!Number.isFinite(result.loss)) break;
      }
      trainer.dispose();
      records.push(record);
      process.stderr.write(`reproduce: ${experiment.id} ${run.key} seed ${seed} done\n`);
    }
  }
  return records;
}

/** Test accuracy of a run at the evaluation nearest `step` (the last one if it ended earlier). */
function accuracyAt(record: RunRecord, step: number): number {
  const steps = [...record.test.keys()].filter((s) => s <= step);
  return record.test.get(steps[steps.length - 1] ?? 0) ?? NaN;
}

/** Mean over seeds of f(record) for the runs with `key`. */
function over(records: RunRecord[], key: string, f: (r: RunRecord) => number): number {
  return mean(records.filter((r) => r.key === key).map(f));
}
const finalAcc = (r: RunRecord) => accuracyAt(r, STEPS);
const earlyAcc = (r: RunRecord) => accuracyAt(r, STEPS * EARLY_FRACTION);
const avg = (id: MetricId) => (r: RunRecord) => mean(r.measured[id] ?? []);
/** Mean of (lossMax - lossMin) over measured steps: the loss variation band's width. */
const lossSpread = (r: RunRecord) =>
  mean((r.measured.lossMax ?? []).map((hi, i) => hi - (r.measured.lossMin?.[i] ?? NaN)));

/** A claim, what was measured, and whether each of its parts was seen. */
interface Claim {
  claim: string;
  measured: string;
  parts: { part: string; seen: boolean }[];
}

/** HOLDS when every part was seen, PARTLY when some were, NOT SEEN when none. */
function verdict(claim: Claim): string {
  const seen = claim.parts.filter((p) => p.seen).length;
  return seen === claim.parts.length ? 'HOLDS' : seen > 0 ? 'PARTLY' : 'NOT SEEN';
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  registerCpuAndWasm();
  await tf.setBackend('wasm');
  const started = performance.now();
  const works = await runExperiment(doesBnWork);
  const ics = await runExperiment(isItIcs);
  const smooth = await runExperiment(smoothness);
  const beyond = process.argv.includes('--beyond') ? await runExperiment(beyondBn) : [];

  const a = {
    plainEarly01: over(works, 'none-lr0.1', earlyAcc),
    bnEarly01: over(works, 'batchnorm-lr0.1', earlyAcc),
    plainFinal05: over(works, 'none-lr0.5', finalAcc),
    bnFinal05: over(works, 'batchnorm-lr0.5', finalAcc),
  };
  const b = {
    plainVar: over(ics, 'none', avg('varShift2')),
    bnVar: over(ics, 'batchnorm', avg('varShift2')),
    noisyVar: over(ics, 'noisy-batchnorm', avg('varShift2')),
    plainAcc: over(ics, 'none', finalAcc),
    noisyAcc: over(ics, 'noisy-batchnorm', finalAcc),
  };
  const c = {
    plainL2: over(ics, 'none', avg('icsL2Layer2')),
    bnL2: over(ics, 'batchnorm', avg('icsL2Layer2')),
    plainCos: over(ics, 'none', avg('icsCosLayer2')),
    bnCos: over(ics, 'batchnorm', avg('icsCosLayer2')),
  };
  const d = {
    plainSpread: over(smooth, 'none', lossSpread),
    bnSpread: over(smooth, 'batchnorm', lossSpread),
    plainBeta: over(smooth, 'none', avg('betaSmoothness')),
    bnBeta: over(smooth, 'batchnorm', avg('betaSmoothness')),
  };
  const claims: Claim[] = [
    {
      claim: '(a) BN reaches higher accuracy sooner and survives the high LR',
      measured:
        `test acc at step ${STEPS * EARLY_FRACTION}, LR 0.1: plain ${fmt(a.plainEarly01)}, BN ${fmt(a.bnEarly01)}; ` +
        `final, LR 0.5: plain ${fmt(a.plainFinal05)}, BN ${fmt(a.bnFinal05)}`,
      parts: [
        { part: 'higher accuracy sooner at LR 0.1', seen: a.bnEarly01 >= a.plainEarly01 },
        {
          part: 'survives LR 0.5 (10+ points above plain)',
          seen: a.bnFinal05 > a.plainFinal05 + 0.1,
        },
      ],
    },
    {
      claim: '(b) noisy BN has much larger moment changes, yet beats plain',
      measured:
        `mean |Δvar| of conv-2 inputs: plain ${fmt(b.plainVar)}, BN ${fmt(b.bnVar)}, noisy BN ${fmt(b.noisyVar)}; ` +
        `final test acc: plain ${fmt(b.plainAcc)}, noisy BN ${fmt(b.noisyAcc)}`,
      parts: [
        { part: 'moment changes > 2x BN', seen: b.noisyVar > 2 * b.bnVar },
        { part: 'moment changes > plain', seen: b.noisyVar > b.plainVar },
        { part: 'final accuracy >= plain', seen: b.noisyAcc >= b.plainAcc },
      ],
    },
    {
      claim: '(c) BN does not reduce ICS',
      measured: `conv-2 ||G-G'||: plain ${fmt(c.plainL2)}, BN ${fmt(c.bnL2)}; cos(G,G'): plain ${fmt(c.plainCos)}, BN ${fmt(c.bnCos)}`,
      parts: [
        {
          part: "BN not both closer (lower ||G-G'||) and better aligned (higher cos)",
          seen: !(c.bnL2 < c.plainL2 && c.bnCos > c.plainCos),
        },
      ],
    },
    {
      claim: '(d) BN lowers loss variation and effective beta-smoothness',
      measured:
        `loss range along the gradient: plain ${fmt(d.plainSpread)}, BN ${fmt(d.bnSpread)}; ` +
        `beta: plain ${fmt(d.plainBeta)}, BN ${fmt(d.bnBeta)}`,
      parts: [
        { part: 'lower loss range', seen: d.bnSpread < d.plainSpread },
        { part: 'lower beta', seen: d.bnBeta < d.plainBeta },
      ],
    },
  ];
  const minutes = (performance.now() - started) / 60_000;
  console.log(
    `\nReproduction of Santurkar et al. 2018 at small scale: ${STEPS} steps, seeds ${SEEDS.join(', ')}, ` +
      `batch 20, tfjs ${tf.getBackend()} in Node (${minutes.toFixed(1)} min)\n`,
  );
  for (const c of claims) {
    const parts = c.parts.map((p) => `${p.seen ? 'seen' : 'not seen'}: ${p.part}`).join('; ');
    console.log(
      `${verdict(c).padEnd(8)}  ${c.claim}\n          ${c.measured}\n          ${parts}\n`,
    );
  }
  if (beyond.length > 0) {
    const keys = [...new Set(beyond.map((r) => r.key))];
    console.log('Beyond BN, final test accuracy (mean over seeds):');
    for (const key of keys) console.log(`  ${key.padEnd(16)} ${fmt(over(beyond, key, finalAcc))}`);
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/reproduce.json',
    JSON.stringify(
      { date: new Date().toISOString(), steps: STEPS, seeds: SEEDS, a, b, c, d, claims },
      null,
      2,
    ),
  );
}

await main();
