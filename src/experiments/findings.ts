/**
 * The paper's four claims checked against the shipped reference results (one file per experiment,
 * three seeds per run): per seed, with a stated tolerance, at every learning rate an experiment
 * trains. `npm run reproduce` prints these verdicts and the article quotes the same numbers, so
 * what a reader sees is always what the engine measured.
 */
import { datasetLabel, DEFAULT_DATASET } from '../shared/datasets';
import type { MetricId } from '../shared/metrics';
import { REFERENCE_EARLY_STEPS, type Reference, type ReferenceOutcome } from '../shared/reference';

/** Two accuracies (or cosines) closer than this, absolute, count as a tie on a seed. */
export const ACCURACY_TOLERANCE = 0.01;
/** Two positive measures (loss range, gradient change, beta, ICS) within this fraction tie. */
const RELATIVE_TOLERANCE = 0.02;
/** "Survives the high learning rate": BN ends at least this much test accuracy above plain. */
const SURVIVAL_MARGIN = 0.1;

/** The reference files by experiment id. */
export type References = Partial<Record<string, Reference>>;

/** One per-seed value of a run; NaN where it was not recorded. */
type Measure = (outcome: ReferenceOutcome) => number;

/** The run `key` of experiment `id`: its outcomes, one per seed. */
export function outcomesOf(refs: References, id: string, key: string): ReferenceOutcome[] {
  const run = refs[id]?.runs.find((r) => r.key === key);
  if (!run) throw new Error(`reference ${id}/${key} is missing: run npm run references`);
  return run.outcomes;
}

/** A metric's mean over the whole run. */
export const meanOf =
  (metric: MetricId): Measure =>
  (o) =>
    o.means[metric] ?? NaN;
/** A metric's mean over the first REFERENCE_EARLY_STEPS steps. */
export const earlyMeanOf =
  (metric: MetricId): Measure =>
  (o) =>
    o.earlyMeans[metric] ?? NaN;
/** Test accuracy at the last evaluation. */
export const finalAccuracy: Measure = (o) => o.finalTestAccuracy ?? NaN;
/** Width of the loss band along the gradient: mean of (max - min) over probes. */
export const lossRange: Measure = (o) => (o.means.lossMax ?? NaN) - (o.means.lossMin ?? NaN);

/** How two values compare on one seed, given how they are measured. */
type Scale = 'absolute' | 'relative';
const slack = (scale: Scale, reference: number) =>
  scale === 'absolute' ? ACCURACY_TOLERANCE : RELATIVE_TOLERANCE * Math.abs(reference);
/** a is clearly below b (beyond the tolerance). */
export const clearlyBelow = (a: number, b: number, scale: Scale) => a < b - slack(scale, b);
/** a is clearly above b. */
export const clearlyAbove = (a: number, b: number, scale: Scale) => a > b + slack(scale, b);

/** One checked statement at one setting, seed by seed. */
interface Part {
  /** Where it was measured, e.g. "LR 0.1". */
  setting: string;
  /** What must hold on a seed. */
  label: string;
  /** Seeds where it held, of those compared. */
  held: number;
  seeds: number;
  /** The values compared, for the printout. */
  measured: string;
}

/** A claim of the paper and its parts. */
export interface Claim {
  id: string;
  claim: string;
  parts: Part[];
  /** Facts worth printing beside the parts (outcomes, stalls). */
  notes: string[];
}

const partHolds = (p: Part) => p.seeds > 0 && p.held === p.seeds;

/** HOLDS when every part held on every seed, PARTLY when some did, NOT SEEN when none. */
export function verdict(claim: Claim): 'HOLDS' | 'PARTLY' | 'NOT SEEN' {
  const held = claim.parts.filter(partHolds).length;
  return held === claim.parts.length ? 'HOLDS' : held > 0 ? 'PARTLY' : 'NOT SEEN';
}

/** Compact number for printouts: 3 significant digits. */
const fmt = (x: number, digits = 3) =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** "mean [seed values]". */
export const showSeeds = (xs: number[]) => `${fmt(mean(xs))} [${xs.map((x) => fmt(x)).join(', ')}]`;
/** A percentage of an accuracy, no decimals. */
export const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Per seed, whether `holds(a, b)` for measure `m` of runs `a` and `b` (paired by seed). */
function compare(
  refs: References,
  id: string,
  [keyA, keyB]: [string, string],
  m: Measure,
  holds: (a: number, b: number) => boolean,
  setting: string,
  label: string,
  [nameA, nameB]: [string, string],
): Part {
  const a = outcomesOf(refs, id, keyA).map(m);
  const b = outcomesOf(refs, id, keyB).map(m);
  const paired = a.map((x, i) => [x, b[i] ?? NaN] as const).filter(([x, y]) => !isNaN(x + y));
  return {
    setting,
    label,
    held: paired.filter(([x, y]) => holds(x, y)).length,
    seeds: paired.length,
    measured: `${nameA} ${showSeeds(a)}, ${nameB} ${showSeeds(b)}`,
  };
}

/** "stalled at steps 41, 67, 80" or "completed 300 steps on every seed". */
export function outcomeSummary(outcomes: readonly ReferenceOutcome[]): string {
  const ended = outcomes.filter((o) => o.status !== 'completed');
  if (ended.length === 0) return `completed ${outcomes[0]?.steps ?? 0} steps on every seed`;
  const byStatus = new Map<string, number[]>();
  for (const o of ended) byStatus.set(o.status, [...(byStatus.get(o.status) ?? []), o.steps]);
  const parts = [...byStatus].map(
    ([status, steps]) => `${status} at step${steps.length > 1 ? 's' : ''} ${steps.join(', ')}`,
  );
  return `${parts.join('; ')} (${ended.length} of ${outcomes.length} seeds)`;
}

/** The conv layers named in stall messages ("conv 2", ...), once each. */
export function stalledLayers(outcomes: readonly ReferenceOutcome[]): string[] {
  const names = outcomes.flatMap((o) =>
    o.status === 'stalled' ? [...(o.message ?? '').matchAll(/conv \d+/g)].map((m) => m[0]) : [],
  );
  return [...new Set(names)].sort();
}

const PLAIN_BN: [string, string] = ['BN', 'plain'];

/** (a) BN trains faster and survives the high learning rate (does-bn-work). */
function claimA(refs: References): Claim {
  const id = 'does-bn-work';
  const early = earlyMeanOf('testAccuracy');
  const plain05 = outcomesOf(refs, id, 'none-lr0.5');
  const bn05 = outcomesOf(refs, id, 'batchnorm-lr0.5');
  return {
    id: 'a',
    claim: 'BN reaches higher accuracy sooner and survives a high learning rate',
    parts: [
      compare(
        refs,
        id,
        ['batchnorm-lr0.1', 'none-lr0.1'],
        early,
        (bn, plain) => clearlyAbove(bn, plain, 'absolute'),
        'LR 0.1',
        `higher mean test accuracy over the first ${REFERENCE_EARLY_STEPS} steps`,
        PLAIN_BN,
      ),
      compare(
        refs,
        id,
        ['batchnorm-lr0.5', 'none-lr0.5'],
        finalAccuracy,
        (bn, plain) => bn > plain + SURVIVAL_MARGIN,
        'LR 0.5',
        `final test accuracy ${SURVIVAL_MARGIN * 100}+ points above plain`,
        PLAIN_BN,
      ),
    ],
    notes: [`plain at LR 0.5: ${outcomeSummary(plain05)}`, `BN at LR 0.5: ${outcomeSummary(bn05)}`],
  };
}

/** (b) Noisy BN: much larger moment changes than BN, yet it trains as well as plain. */
function claimB(refs: References): Claim {
  const id = 'is-it-ics';
  const varShift = meanOf('varShiftRel2');
  const setting = 'LR 0.1';
  return {
    id: 'b',
    claim: 'noisy BN has much larger moment changes than BN, yet trains as well as plain',
    parts: [
      compare(
        refs,
        id,
        ['noisy-batchnorm', 'batchnorm'],
        varShift,
        (n, bn) => clearlyAbove(n, bn, 'relative'),
        setting,
        'larger relative |Δvar| of conv-2 inputs than BN',
        ['noisy BN', 'BN'],
      ),
      compare(
        refs,
        id,
        ['noisy-batchnorm', 'none'],
        varShift,
        (n, plain) => clearlyAbove(n, plain, 'relative'),
        setting,
        'larger relative |Δvar| of conv-2 inputs than plain',
        ['noisy BN', 'plain'],
      ),
      compare(
        refs,
        id,
        ['noisy-batchnorm', 'none'],
        finalAccuracy,
        (n, plain) => !clearlyBelow(n, plain, 'absolute'),
        setting,
        'final test accuracy not below plain',
        ['noisy BN', 'plain'],
      ),
    ],
    notes: [
      `train loss over steps 1-${REFERENCE_EARLY_STEPS}: ` +
        (
          [
            ['plain', 'none'],
            ['BN', 'batchnorm'],
            ['noisy BN', 'noisy-batchnorm'],
          ] as const
        )
          .map(
            ([name, key]) =>
              `${name} ${showSeeds(outcomesOf(refs, id, key).map(earlyMeanOf('trainLoss')))}`,
          )
          .join(', '),
    ],
  };
}

/** The learning rates of the ICS and smoothness sections, with the keys of plain and BN there. */
const TWO_RATES = [
  { setting: 'LR 0.1', plain: 'none', bn: 'batchnorm' },
  { setting: 'LR 0.3', plain: 'none-lr0.3', bn: 'batchnorm-lr0.3' },
] as const;

/** (c) BN does not reduce internal covariate shift (paper's Definition 2.1, conv 2). */
function claimC(refs: References): Claim {
  const id = 'is-it-ics';
  return {
    id: 'c',
    claim: 'BN does not reduce internal covariate shift (conv 2)',
    parts: TWO_RATES.flatMap(({ setting, plain, bn }) => [
      compare(
        refs,
        id,
        [bn, plain],
        meanOf('icsL2Layer2'),
        (b, p) => !clearlyBelow(b, p, 'relative'),
        setting,
        "BN's ||G - G'|| not below plain's",
        PLAIN_BN,
      ),
      compare(
        refs,
        id,
        [bn, plain],
        meanOf('icsCosLayer2'),
        (b, p) => !clearlyAbove(b, p, 'absolute'),
        setting,
        "BN's cos(G, G') not above plain's",
        PLAIN_BN,
      ),
    ]),
    notes: [],
  };
}

/** (d) BN makes the loss landscape smoother (paper fig. 4). */
function claimD(refs: References): Claim {
  const id = 'smoothness';
  const lower = (b: number, p: number) => clearlyBelow(b, p, 'relative');
  return {
    id: 'd',
    claim: 'BN lowers loss variation, gradient change and effective beta-smoothness',
    parts: TWO_RATES.flatMap(({ setting, plain, bn }) => [
      compare(refs, id, [bn, plain], lossRange, lower, setting, 'lower loss range', PLAIN_BN),
      compare(
        refs,
        id,
        [bn, plain],
        meanOf('gradDiffMax'),
        lower,
        setting,
        'lower gradient change',
        PLAIN_BN,
      ),
      compare(
        refs,
        id,
        [bn, plain],
        meanOf('betaSmoothness'),
        lower,
        setting,
        'lower effective beta',
        PLAIN_BN,
      ),
    ]),
    notes: [],
  };
}

/** Each claim's check and the experiment whose references it reads. */
const CLAIMS: { experiment: string; check: (refs: References) => Claim }[] = [
  { experiment: 'does-bn-work', check: claimA },
  { experiment: 'is-it-ics', check: claimB },
  { experiment: 'is-it-ics', check: claimC },
  { experiment: 'smoothness', check: claimD },
];

/** Every claim, checked against the references. Throws when a needed file or run is missing. */
export function checkClaims(refs: References): Claim[] {
  return CLAIMS.map((c) => c.check(refs));
}

/** The claims whose experiment has references in `refs` (another dataset ships only some). */
export function checkShippedClaims(refs: References): Claim[] {
  return CLAIMS.filter((c) => refs[c.experiment]).map((c) => c.check(refs));
}

/** The printout of `npm run reproduce` (also docs/reproduction.md's block). */
export function formatClaims(claims: readonly Claim[], refs: References): string {
  const any = Object.values(refs)[0];
  const dataset = datasetLabel(any?.settings.dataset ?? DEFAULT_DATASET);
  const lines = [
    `Santurkar et al. 2018 at small scale, from the shipped reference results on ${dataset} (engine ` +
      `${any?.engineVersion ?? '?'}, ${any?.backend ?? '?'}, 3 seeds, 300 steps, batch 20).`,
    `A part holds when it holds on every seed; ties: accuracies and cosines within ` +
      `${ACCURACY_TOLERANCE}, other measures within ${RELATIVE_TOLERANCE * 100}%.`,
    '',
  ];
  for (const claim of claims) {
    lines.push(`${verdict(claim).padEnd(8)}  (${claim.id}) ${claim.claim}`);
    for (const p of claim.parts) {
      const mark = partHolds(p) ? 'holds' : 'not seen';
      lines.push(`  ${p.setting}: ${p.label}: ${mark} (${p.held}/${p.seeds} seeds)`);
      lines.push(`      ${p.measured}`);
    }
    for (const note of claim.notes) lines.push(`  note: ${note}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** One line per claim for the README: its verdict, the claim, and how many of its parts held. */
export function formatVerdicts(claims: readonly Claim[]): string {
  return claims
    .map((claim) => {
      const held = claim.parts.filter(partHolds).length;
      return `- **${verdict(claim).toLowerCase()}** (${claim.id}) ${claim.claim}: ${held} of ${claim.parts.length} checks held on every seed`;
    })
    .join('\n');
}
