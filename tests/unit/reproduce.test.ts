/**
 * The verdicts of `npm run reproduce` (src/experiments/findings.ts): the printouts in the docs and README are what
 * the shipped references give now, and the per-seed rules behave as stated on hand-made outcomes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkClaims,
  checkShippedClaims,
  clearlyAbove,
  clearlyBelow,
  formatClaims,
  formatVerdicts,
  lossRange,
  outcomeSummary,
  stalledLayers,
  verdict,
} from '../../src/experiments/findings';
import { REFERENCE_FOLDER, type ReferenceOutcome } from '../../src/shared/reference';
import {
  readGeneratedBlock,
  reproduceBlock,
  reproduceBlockOn,
  REPRODUCE_BLOCK,
  REPRODUCTION_DOC,
  VERDICTS_BLOCK,
} from '../../scripts/generatedBlock';
import { loadReferences } from '../../scripts/loadReferences';

const outcome = (over: Partial<ReferenceOutcome>): ReferenceOutcome => ({
  seed: 1,
  status: 'completed',
  steps: 300,
  finalTestAccuracy: 0.9,
  means: {},
  earlyMeans: {},
  ...over,
});

describe('reproduce', () => {
  it('the docs and the README show what npm run reproduce prints from the shipped references', () => {
    const refs = loadReferences(join('public', REFERENCE_FOLDER));
    const claims = checkClaims(refs);
    const doc = readFileSync(REPRODUCTION_DOC, 'utf8');
    expect(readGeneratedBlock(doc, REPRODUCE_BLOCK), 'npm run reproduce -- --write').toBe(
      reproduceBlock(formatClaims(claims, refs)),
    );
    const readme = readFileSync('README.md', 'utf8');
    expect(readGeneratedBlock(readme, VERDICTS_BLOCK), 'npm run reproduce -- --write').toBe(
      formatVerdicts(claims),
    );
  });

  it('the docs show the claims each other dataset’s shipped references allow (Fashion-MNIST: claim a)', () => {
    const doc = readFileSync(REPRODUCTION_DOC, 'utf8');
    const theirs = loadReferences(join('public', REFERENCE_FOLDER), 'fashion-mnist');
    const claims = checkShippedClaims(theirs);
    expect(claims.map((c) => c.id)).toEqual(['a']);
    expect(
      readGeneratedBlock(doc, reproduceBlockOn('fashion-mnist')),
      'npm run reproduce -- --write',
    ).toBe(reproduceBlock(formatClaims(claims, theirs)));
  });

  it('counts a seed only beyond the tolerance: ties are neither above nor below', () => {
    expect(clearlyBelow(14.3953, 14.3969, 'relative')).toBe(false);
    expect(clearlyBelow(0.9, 1, 'relative')).toBe(true);
    expect(clearlyAbove(0.905, 0.9, 'absolute')).toBe(false);
    expect(clearlyAbove(0.92, 0.9, 'absolute')).toBe(true);
  });

  it('summarizes outcomes and the layers named by stall messages', () => {
    const stalled = outcome({
      status: 'stalled',
      steps: 61,
      message: 'at step 61: the ReLUs of conv 2 (97%) output zero over the last 20 steps',
    });
    const outcomes = [outcome({}), stalled, { ...stalled, steps: 60, seed: 3 }];
    expect(outcomeSummary(outcomes)).toBe('stalled at steps 61, 60 (2 of 3 seeds)');
    expect(outcomeSummary([outcome({})])).toBe('completed 300 steps on every seed');
    expect(stalledLayers(outcomes)).toEqual(['conv 2']);
    expect(lossRange(outcome({ means: { lossMax: 3, lossMin: 1.25 } }))).toBe(1.75);
  });

  it('a claim holds only when every part holds on every seed', () => {
    const part = (held: number) => ({
      setting: 'LR 0.1',
      label: 'x',
      held,
      seeds: 3,
      measured: '',
    });
    const claim = (...held: number[]) => ({
      id: 'x',
      claim: 'x',
      parts: held.map(part),
      notes: [],
    });
    expect(verdict(claim(3, 3))).toBe('HOLDS');
    expect(verdict(claim(3, 2))).toBe('PARTLY');
    expect(verdict(claim(2, 0))).toBe('NOT SEEN');
  });
});
