import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../../src/shared/exchange';
import { parseImport } from '../../../src/shared/importRuns';
import { METRIC_IDS } from '../../../src/shared/metrics';

import {
  accepted,
  exchangeOf,
  importLabel,
  makeRun,
  rejected,
  textOf,
  textWith,
} from './importFixtures';

describe('parseImport: limits', () => {
  it('rejects more runs than IMPORT_LIMITS.maxRuns', () => {
    const runs = Array.from({ length: IMPORT_LIMITS.maxRuns + 1 }, (_, i) =>
      makeRun({ id: `r${i}` }),
    );
    expect(rejected(parseImport(textOf(exchangeOf(runs))))).toBe(
      'The file has 201 runs; the limit is 200.',
    );
  });

  it('rejects a series over IMPORT_LIMITS.maxPoints', () => {
    const n = IMPORT_LIMITS.maxPoints + 1;
    const text = textWith((doc) => {
      doc.runs[0]!.series.testAccuracy = {
        steps: Array.from({ length: n }, (_, i) => i),
        times: new Array<number>(n).fill(0),
        values: new Array<number>(n).fill(0),
      };
    });
    expect(rejected(parseImport(text))).toBe(
      'runs[0].series.testAccuracy has 200,001 points; the limit is 200,000 per series.',
    );
  });

  it('rejects more points in all than IMPORT_LIMITS.maxTotalPoints', () => {
    // 2 runs x 13 series x 200,000 points = 5.2 million, written as text to stay fast.
    const zeros = `[${'0,'.repeat(IMPORT_LIMITS.maxPoints - 1)}0]`;
    const full = `{"steps":${zeros},"times":[],"values":[]}`;
    const metrics = METRIC_IDS.slice(0, 13);
    const doc = exchangeOf([makeRun(), makeRun({ id: 'b' })]);
    for (const run of doc.runs) run.series = {};
    const seriesText = `{${metrics.map((m) => `"${m}":${full}`).join(',')}}`;
    const text = textOf(doc).replaceAll('"series":{}', `"series":${seriesText}`);
    expect(rejected(parseImport(text))).toBe(
      'The file has 5,200,000 points in all; the limit is 5,000,000.',
    );
  });
});

describe('parseImport: run names', () => {
  it('keeps HTML as text, verbatim (the app never renders names as HTML)', () => {
    expect(importLabel('<img src=x onerror=alert(1)>')).toEqual({
      label: '<img src=x onerror=alert(1)>',
      notes: [],
    });
  });

  it('removes control characters and bidi overrides and isolates', () => {
    expect(importLabel('a\u0000b\u202ec\u2066d\u007fe\u0085f\u202a')).toEqual({
      label: 'abcdef',
      notes: ['run 1: control or text-direction characters removed from the name'],
    });
  });

  it('collapses whitespace (line breaks and tabs included) and trims, without a note', () => {
    expect(importLabel('  two\n\tlines   here ')).toEqual({ label: 'two lines here', notes: [] });
  });

  it('cuts names to IMPORT_LIMITS.maxLabel characters, never inside a character', () => {
    expect(importLabel('x'.repeat(500))).toEqual({
      label: 'x'.repeat(IMPORT_LIMITS.maxLabel),
      notes: ['run 1: name shortened to 80 characters'],
    });
    expect(importLabel('😀'.repeat(100)).label).toBe('😀'.repeat(80));
  });

  it('names a run whose name ends up empty "imported run N"', () => {
    const runs = [
      makeRun(),
      makeRun({ id: 'b', label: '' }),
      makeRun({ id: 'c', label: '\u202e \u0000' }),
    ];
    const result = accepted(parseImport(textOf(exchangeOf(runs))));
    expect(result.runs.map((r) => r.label)).toEqual([
      'Plain, lr 0.1',
      'imported run 2',
      'imported run 3',
    ]);
    expect(result.notes).toEqual([
      'run 2: the name was empty, so it is now "imported run 2"',
      'run 3: control or text-direction characters removed from the name',
      'run 3: the name was empty, so it is now "imported run 3"',
    ]);
  });
});

describe('parseImport: duplicate ids', () => {
  it('imports both runs, keeps their source id, and notes it', () => {
    const runs = [makeRun(), makeRun({ label: 'second' }), makeRun({ id: 'x' })];
    const result = accepted(parseImport(textOf(exchangeOf(runs))));
    expect(result.runs.map((r) => r.sourceId)).toEqual(['run-1', 'run-1', 'x']);
    expect(result.notes).toEqual(['run 2: same id as run 1 ("run-1"); both were imported']);
  });
});
