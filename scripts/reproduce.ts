/**
 * `npm run reproduce`: runs the presets headless in Node with the app's engine (fixed seeds, several
 * each, a reduced number of steps) and prints the paper's four claims beside what was measured,
 * with a verdict per claim. Writes bench-results/reproduce.json. Verdicts report what happened at
 * this scale; nothing here is tuned until a claim holds.
 * Usage: npm run reproduce [-- --steps 200 --seeds 3 --beyond]
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
import { smoothness } from '../src/experiments/smoothness.ts';
import type { Experiment, ExperimentSettings } from '../src/experiments/types.ts';
import type { MetricId } from '../src/shared/metrics.ts';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '200' },
    seeds: { type: 'string', default: '3' },
    /** Also run "Beyond BN" (ten runs per seed) and print its final accuracies. */
    beyond: { type: 'boolean', default: false },
  },
});
const STEPS = Number(args.steps);
const SEEDS = Array.from({ length: Number(args.seeds) }, (_, i) => i + 1);
/** "Sooner": the first evaluation at or above this test accuracy. */
const SOONER_ACCURACY = 0.8;
/** Test accuracy counted for a run that diverged (chance: ten classes). */
const CHANCE = 0.1;

/** Everything recorded of one run: per-step metrics and test accuracy by step. */
interface RunRecord {
  key: string;
  seed: number;
  loss: number[];
  test: Map<number, number>;
  measured: Partial<Record<MetricId, number[]>>;
  /** The loss became NaN or infinite. */
  diverged: boolean;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

/** The embedded digits, decoded once for every experiment. */
const data = decodeMnist(new Uint8Array(readFileSync('public/data/mnist-10k.bin')));

async function runExperiment(experiment: Experiment): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const seed of SEEDS) {
    const settings: ExperimentSettings = { ...experiment.defaults, steps: STEPS, seed };
    for (const run of experiment.plan(settings)) {
      const split = splitIndices(
        data.count,
        run.config.data.trainSize,
        run.config.data.testSize,
        run.config.data.splitSeed,
      );
      const trainer = createTrainer(run.config, data, split, () => performance.now());
      const record: RunRecord = {
        key: run.key,
        seed,
        loss: [],
        test: new Map(),
        measured: {},
        diverged: false,
      };
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
        if (!Number.isFinite(result.loss)) {
          record.diverged = true;
          break;
        }
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

/** f(record) per seed, in seed order, for the runs with `key`. */
function perSeed(records: RunRecord[], key: string, f: (r: RunRecord) => number): number[] {
  return SEEDS.map((seed) => {
    const record = records.find((r) => r.key === key && r.seed === seed);
    return record ? f(record) : NaN;
  });
}
/** Mean over seeds of f(record) for the runs with `key`. */
const over = (records: RunRecord[], key: string, f: (r: RunRecord) => number) =>
  mean(perSeed(records, key, f));
/** Seeds on which `holds(a_seed, b_seed)` is true with both values finite (or infinite steps). */
function seedsWhere(a: number[], b: number[], holds: (x: number, y: number) => boolean): number {
  return a.filter((x, i) => {
    const y = b[i] ?? NaN;
    return !Number.isNaN(x) && !Number.isNaN(y) && holds(x, y);
  }).length;
}
const median = (xs: number[]) => {
  const sorted = xs.filter(Number.isFinite).sort((p, q) => p - q);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : NaN;
};
const finalAcc = (r: RunRecord) => (r.diverged ? CHANCE : accuracyAt(r, STEPS));
/** The first evaluated step at SOONER_ACCURACY or better; Infinity when never reached. */
const stepsToReach = (r: RunRecord) =>
  [...r.test].find(([, acc]) => acc >= SOONER_ACCURACY)?.[0] ?? Infinity;
const avg = (id: MetricId) => (r: RunRecord) => mean(r.measured[id] ?? []);
const med = (id: MetricId) => (r: RunRecord) => median(r.measured[id] ?? []);
/** Median over measured steps of (lossMax - lossMin): the loss variation band's width. */
const lossSpread = (r: RunRecord) =>
  median((r.measured.lossMax ?? []).map((hi, i) => hi - (r.measured.lossMin?.[i] ?? NaN)));

/** A claim, what was measured, and whether each of its parts was seen. */
interface Claim {
  claim: string;
  measured: string;
  parts: { part: string; seen: boolean }[];
}

/** A part is seen when it holds on every seed (paired, finite values only). */
const part = (label: string, seeds: number) => ({
  part: `${label} (${seeds}/${SEEDS.length} seeds)`,
  seen: seeds === SEEDS.length,
});

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
  const beyond = args.beyond ? await runExperiment(beyondBn) : [];

  const s = perSeed;
  const a = {
    plainSteps: s(works, 'none-lr0.1', stepsToReach),
    bnSteps: s(works, 'batchnorm-lr0.1', stepsToReach),
    plainFinal05: s(works, 'none-lr0.5', finalAcc),
    bnFinal05: s(works, 'batchnorm-lr0.5', finalAcc),
  };
  const b = {
    plainVar: s(ics, 'none', avg('varShiftRel2')),
    bnVar: s(ics, 'batchnorm', avg('varShiftRel2')),
    noisyVar: s(ics, 'noisy-batchnorm', avg('varShiftRel2')),
    plainAcc: s(ics, 'none', finalAcc),
    noisyAcc: s(ics, 'noisy-batchnorm', finalAcc),
  };
  const c = {
    plainL2: s(ics, 'none', avg('icsRelLayer2')),
    bnL2: s(ics, 'batchnorm', avg('icsRelLayer2')),
    plainCos: s(ics, 'none', avg('icsCosLayer2')),
    bnCos: s(ics, 'batchnorm', avg('icsCosLayer2')),
  };
  const d = {
    plainSpread: s(smooth, 'none', lossSpread),
    bnSpread: s(smooth, 'batchnorm', lossSpread),
    plainBeta: s(smooth, 'none', med('betaSmoothness')),
    bnBeta: s(smooth, 'batchnorm', med('betaSmoothness')),
  };
  const show = (xs: number[]) => `${fmt(mean(xs))} [${xs.map((x) => fmt(x, 2)).join(' ')}]`;
  const claims: Claim[] = [
    {
      claim: '(a) BN reaches higher accuracy sooner and survives the high LR',
      measured:
        `steps to ${SOONER_ACCURACY * 100}% test acc at LR 0.1: plain ${show(a.plainSteps)}, BN ${show(a.bnSteps)}; ` +
        `final test acc at LR 0.5: plain ${show(a.plainFinal05)}, BN ${show(a.bnFinal05)}`,
      parts: [
        part(
          'sooner at LR 0.1',
          seedsWhere(a.bnSteps, a.plainSteps, (bn, pl) => bn < pl),
        ),
        part(
          '10+ points above plain at LR 0.5',
          seedsWhere(a.bnFinal05, a.plainFinal05, (bn, pl) => bn > pl + 0.1),
        ),
      ],
    },
    {
      claim: '(b) noisy BN has much larger moment changes, yet beats plain',
      measured:
        `mean relative |Δvar| of conv-2 inputs (|Δv_c|/v_c): plain ${show(b.plainVar)}, BN ${show(b.bnVar)}, noisy BN ${show(b.noisyVar)}; ` +
        `final test acc: plain ${show(b.plainAcc)}, noisy BN ${show(b.noisyAcc)}`,
      parts: [
        part(
          'moment changes > 2x BN',
          seedsWhere(b.noisyVar, b.bnVar, (n, bn) => n > 2 * bn),
        ),
        part(
          'moment changes > plain',
          seedsWhere(b.noisyVar, b.plainVar, (n, pl) => n > pl),
        ),
        part(
          'final accuracy above plain',
          seedsWhere(b.noisyAcc, b.plainAcc, (n, pl) => n > pl),
        ),
      ],
    },
    {
      claim: '(c) BN does not reduce ICS',
      measured: `conv-2 ||G-G'||/||G||: plain ${show(c.plainL2)}, BN ${show(c.bnL2)}; cos(G,G'): plain ${show(c.plainCos)}, BN ${show(c.bnCos)}`,
      parts: [
        part(
          "BN not both closer (lower ||G-G'||) and better aligned (higher cos) than plain",
          SEEDS.filter((_, i) => {
            const [bnL2, plainL2, bnCos, plainCos] = [c.bnL2, c.plainL2, c.bnCos, c.plainCos].map(
              (xs) => xs[i] ?? NaN,
            ) as [number, number, number, number];
            const finite = [bnL2, plainL2, bnCos, plainCos].every(Number.isFinite);
            return finite && !(bnL2 < plainL2 && bnCos > plainCos);
          }).length,
        ),
      ],
    },
    {
      claim: '(d) BN lowers loss variation and effective beta-smoothness',
      measured:
        `median loss range along the gradient: plain ${show(d.plainSpread)}, BN ${show(d.bnSpread)}; ` +
        `median beta: plain ${show(d.plainBeta)}, BN ${show(d.bnBeta)}`,
      parts: [
        part(
          'lower loss range',
          seedsWhere(d.bnSpread, d.plainSpread, (bn, pl) => bn < pl),
        ),
        part(
          'lower beta',
          seedsWhere(d.bnBeta, d.plainBeta, (bn, pl) => bn < pl),
        ),
      ],
    },
  ];
  const diverged = [...works, ...ics, ...smooth]
    .filter((r) => r.diverged)
    .map((r) => `${r.key}/seed ${r.seed}`);
  const minutes = (performance.now() - started) / 60_000;
  console.log(
    `\nReproduction of Santurkar et al. 2018 at small scale: ${STEPS} steps, seeds ${SEEDS.join(', ')}, ` +
      `batch 20, tfjs ${tf.getBackend()} in Node (${minutes.toFixed(1)} min). Means, then per seed ` +
      `in brackets; a part is seen when it holds on every seed.\n`,
  );
  console.log(
    `Runs that diverged (NaN loss, counted at chance): ${diverged.join(', ') || 'none'}\n`,
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
      { date: new Date().toISOString(), steps: STEPS, seeds: SEEDS, a, b, c, d, claims, diverged },
      null,
      2,
    ),
  );
}

await main();
