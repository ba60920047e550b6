import { describe, expect, it } from 'vitest';
import { exchangeSchema, toExchange, type Exchange } from '../../../src/shared/exchange';
import { MAX_IMPORT_BYTES, parseImport } from '../../../src/shared/importRuns';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

import {
  accepted,
  exchangeOf,
  makeRun,
  rejected,
  series,
  setAt,
  textOf,
  textWith,
} from './importFixtures';

describe('parseImport: round trip', () => {
  it('reads back what toExchange wrote: configs, labels, series (NaN kept, float32 exact)', () => {
    const a = makeRun();
    const b = makeRun({
      id: 'run-2',
      label: 'BN, deep linear',
      config: { ...DEFAULT_RUN_CONFIG, task: 'deep-linear', learningRate: 0.01, seed: 7 },
      status: 'diverged',
      message: 'The loss became NaN at step 3.',
      step: 3,
      backend: null,
      group: 'group-2',
      style: { color: '#ff7f0e', dashed: true },
      series: {
        trainLoss: series([1, 2, 3], [Math.fround(Math.PI), Math.fround(1 / 3), NaN]),
        meanShift1: series([2], [Math.fround(1e-30)], [0]),
      },
    });
    const text = JSON.stringify(toExchange([a, b], 'test', new Date(0)));
    expect(exchangeSchema.safeParse(JSON.parse(text)).success).toBe(true);

    const { runs, notes } = accepted(parseImport(text));
    expect(notes).toEqual([]);
    expect(runs).toHaveLength(2);
    for (const [i, original] of [a, b].entries()) {
      const run = runs[i]!;
      expect(run.sourceId).toBe(original.id);
      expect(run.label).toBe(original.label);
      expect(run.config).toEqual(original.config);
      expect([run.status, run.message, run.step, run.backend]).toEqual([
        original.status,
        original.message,
        original.step,
        original.backend,
      ]);
      expect([run.experimentId, run.group, run.style]).toEqual([
        original.experimentId,
        original.group,
        original.style,
      ]);
      expect(Object.keys(run.series)).toEqual(Object.keys(original.series));
      for (const [metric, s] of Object.entries(original.series)) {
        const back = run.series[metric as keyof typeof run.series]!;
        expect(back.steps).toBeInstanceOf(Int32Array);
        expect(back.times).toBeInstanceOf(Float32Array);
        expect(back.values).toBeInstanceOf(Float32Array);
        expect(back.length).toBe(s.length);
        expect([back.steps.length, back.times.length, back.values.length]).toEqual([
          s.length,
          s.length,
          s.length,
        ]);
        for (let p = 0; p < s.length; p++) {
          expect(back.steps[p]).toBe(s.steps[p]);
          // Values: the same float32, NaN included (Object.is tells NaN apart and matches it).
          expect(Object.is(back.values[p], s.values[p])).toBe(true);
          // Times are written to a tenth of a millisecond.
          expect(back.times[p]).toBe(Math.fround(Math.round(s.times[p]! * 10) / 10));
        }
      }
    }
    expect(Number.isNaN(runs[0]!.series.trainLoss!.values[2])).toBe(true);
  });

  it('reads null as NaN and accepts a run whose step exceeds its last series step', () => {
    const text = textWith((doc) => {
      doc.runs[0]!.series.trainLoss!.values = [null, null, 1, 2, 3];
      doc.runs[0]!.step = 1000;
    });
    const { runs } = accepted(parseImport(text));
    expect(Array.from(runs[0]!.series.trainLoss!.values)).toEqual([NaN, NaN, 1, 2, 3]);
    expect(runs[0]!.step).toBe(1000);
  });

  it('skips a byte-order mark', () => {
    expect(parseImport(`\ufeff${textOf(exchangeOf([makeRun()]))}`).ok).toBe(true);
  });

  it('reads files without a reason (older exports) and strips control characters from one', () => {
    const doc = exchangeOf([makeRun({ status: 'stopped', message: 'Stopped\u202e by you.' })]);
    expect(accepted(parseImport(textOf(doc))).runs[0]?.message).toBe('Stopped by you.');
    delete (doc.runs[0] as { message?: unknown }).message;
    expect(accepted(parseImport(textOf(doc))).runs[0]?.message).toBeNull();
  });
});

describe('parseImport: files that are not exports', () => {
  it('rejects text over the byte limit, counting UTF-8 bytes', () => {
    expect(MAX_IMPORT_BYTES).toBe(100_000_000);
    expect(rejected(parseImport('x'.repeat(MAX_IMPORT_BYTES + 1)))).toBe(
      'The file is too large (100.1 MB; the limit is 100 MB).',
    );
    expect(rejected(parseImport('€'.repeat(34_000_000)))).toBe(
      'The file is too large (102 MB; the limit is 100 MB).',
    );
  });

  it('rejects empty text', () => {
    for (const text of ['', '  \n\t ', '\ufeff']) {
      expect(rejected(parseImport(text))).toBe('The file is empty.');
    }
  });

  it('rejects text that is not JSON, saying where or why', () => {
    const full = textOf(exchangeOf([makeRun()]));
    expect(rejected(parseImport(full.slice(0, full.length / 2)))).toBe(
      'The file is not valid JSON (it ends too early, as if cut off).',
    );
    expect(rejected(parseImport('{"format": "bnlab-runs",'))).toBe(
      'The file is not valid JSON (it ends too early, as if cut off).',
    );
    expect(rejected(parseImport('hello'))).toBe('The file is not valid JSON (unexpected "h").');
    expect(rejected(parseImport('run,metric,step,value\nplain,trainLoss,1,2.3\n'))).toBe(
      'This looks like a CSV file: CSV exports are for spreadsheets; to import runs, use their JSON export.',
    );
    expect(rejected(parseImport('{"format": 1,\n  oops}'))).toMatch(
      /^The file is not valid JSON \(.+ at line 2, column 3\)\.$/,
    );
    expect(rejected(parseImport(`${full} x`))).toMatch(
      /^The file is not valid JSON \(.+ at line 1, column \d+\)\.$/,
    );
    expect(rejected(parseImport('{"a": NaN}'))).toBe(
      'The file is not valid JSON (unexpected "N").',
    );
  });

  it('rejects JSON without "format": "bnlab-runs"', () => {
    const message = 'This is not a BatchNorm Lab export (no "format": "bnlab-runs").';
    for (const text of ['[]', 'null', '42', '"bnlab-runs"', '{"format": "other", "version": 1}']) {
      expect(rejected(parseImport(text))).toBe(message);
    }
    expect(rejected(parseImport(textWith((doc) => setAt(doc, ['format'], undefined))))).toBe(
      message,
    );
  });

  it('names a version it does not read', () => {
    const withVersion = (version: unknown) =>
      rejected(parseImport(textWith((doc) => setAt(doc, ['version'], version))));
    expect(withVersion(3)).toBe(
      'This file was written by a newer version of BatchNorm Lab (format version 3); this version reads version 1.',
    );
    expect(withVersion(0)).toBe(
      'This file was written by an older version of BatchNorm Lab (format version 0); this version reads version 1.',
    );
    expect(withVersion('1')).toBe(
      'This file has an unknown format version ("1"); this version reads version 1.',
    );
    expect(withVersion(1.5)).toBe(
      'This file has an unknown format version (1.5); this version reads version 1.',
    );
    expect(withVersion([])).toBe(
      'This file has an unknown format version (an array); this version reads version 1.',
    );
    expect(withVersion(undefined)).toBe(
      'This file has no format version; this version reads version 1.',
    );
  });

  it('rejects a file without runs', () => {
    expect(rejected(parseImport(textWith((doc) => (doc.runs = []))))).toBe(
      'The file contains no runs.',
    );
  });

  it('never throws, even for a value that is not text', () => {
    expect(rejected(parseImport(undefined as unknown as string))).toBe(
      'The file could not be read as text.',
    );
  });
});

describe('parseImport: invalid data', () => {
  /** The message for one default run changed by `mutate`. */
  const messageFor = (mutate: (doc: Exchange) => void, runs = [makeRun()]) =>
    rejected(parseImport(textWith(mutate, runs)));

  it('names the path and the problem', () => {
    const runs = [makeRun(), makeRun({ id: 'b' }), makeRun({ id: 'c' })];
    expect(messageFor((doc) => (doc.runs[2]!.config.learningRate = 11), runs)).toBe(
      'The file has invalid data: runs[2].config.learningRate: must be at most 10.',
    );
    expect(messageFor((doc) => (doc.runs[0]!.step = -1))).toBe(
      'The file has invalid data: runs[0].step: must be at least 0.',
    );
    expect(messageFor((doc) => setAt(doc, ['runs', 0, 'style'], undefined))).toBe(
      'The file has invalid data: runs[0].style: is missing.',
    );
    expect(messageFor((doc) => setAt(doc, ['runs', 0, 'style', 'dashed'], 'yes'))).toBe(
      'The file has invalid data: runs[0].style.dashed: must be true or false.',
    );
    expect(messageFor((doc) => setAt(doc, ['runs', 0, 'backend'], 'gpu'))).toBe(
      'The file has invalid data: runs[0].backend: must be one of "webgpu", "webgl", "wasm", "cpu".',
    );
    expect(messageFor((doc) => setAt(doc, ['runs', 0, 'series', 'bogus'], {}))).toBe(
      'The file has invalid data: runs[0].series: has unknown key "bogus".',
    );
    expect(messageFor((doc) => (doc.runs[0]!.label = 'x'.repeat(1001)))).toBe(
      'The file has invalid data: runs[0].label: must have at most 1,000 characters.',
    );
    expect(messageFor((doc) => (doc.runs[0]!.id = ''))).toBe(
      'The file has invalid data: runs[0].id: must not be empty.',
    );
  });

  it('lists at most three problems, then how many more, run by run', () => {
    const message = messageFor((doc) => {
      const run = doc.runs[0]!;
      setAt(run, ['series', 'trainLoss', 'values', 1], 'NaN');
      run.config.learningRate = 11;
      run.config.batchSize = 5000;
      run.step = -1;
      setAt(doc, ['producer'], undefined);
    });
    expect(message).toBe(
      'The file has invalid data: producer: is missing; runs[0].config.learningRate: must be at most 10; ' +
        'runs[0].config.batchSize: must be at most 1,024; +2 more.',
    );
  });

  it('rejects "NaN" and other strings where numbers belong', () => {
    const at = (path: (string | number)[]) => messageFor((doc) => setAt(doc, path, 'NaN'));
    expect(at(['runs', 0, 'series', 'trainLoss', 'values', 1])).toBe(
      'The file has invalid data: runs[0].series.trainLoss.values[1]: must be a number or null (null stands for NaN).',
    );
    expect(at(['runs', 0, 'config', 'learningRate'])).toBe(
      'The file has invalid data: runs[0].config.learningRate: must be a number.',
    );
    expect(at(['runs', 0, 'step'])).toBe(
      'The file has invalid data: runs[0].step: must be a number.',
    );
    expect(at(['runs', 0, 'series', 'trainLoss', 'steps', 0])).toBe(
      'The file has invalid data: runs[0].series.trainLoss.steps[0]: must be a whole number from 0 to 2,147,483,647.',
    );
  });

  it('rejects steps and times that are not finite (1e400 reads as Infinity)', () => {
    const withNumber = (path: (string | number)[]) =>
      rejected(parseImport(textWith((doc) => setAt(doc, path, 'HUGE')).replace('"HUGE"', '1e400')));
    expect(withNumber(['runs', 0, 'series', 'trainLoss', 'steps', 4])).toBe(
      'The file has invalid data: runs[0].series.trainLoss.steps[4]: must be a whole number from 0 to 2,147,483,647.',
    );
    expect(withNumber(['runs', 0, 'series', 'trainLoss', 'times', 0])).toBe(
      'The file has invalid data: runs[0].series.trainLoss.times[0]: must be a number of milliseconds, at least 0.',
    );
    expect(withNumber(['runs', 0, 'series', 'trainLoss', 'values', 0])).toBe(
      'The file has invalid data: runs[0].series.trainLoss.values[0]: must be a number or null (null stands for NaN).',
    );
    expect(messageFor((doc) => (doc.runs[0]!.series.trainLoss!.times[2] = -1))).toBe(
      'The file has invalid data: runs[0].series.trainLoss.times[2]: must be a number of milliseconds, at least 0.',
    );
    expect(messageFor((doc) => (doc.runs[0]!.series.trainLoss!.steps[0] = 2 ** 31))).toBe(
      'The file has invalid data: runs[0].series.trainLoss.steps[0]: must be a whole number from 0 to 2,147,483,647.',
    );
  });

  it('rejects series whose arrays differ in length', () => {
    expect(messageFor((doc) => doc.runs[0]!.series.trainLoss!.times.pop())).toBe(
      'The file has invalid data: runs[0].series.trainLoss: steps, times and values must have the same length (5, 4 and 5).',
    );
  });

  it('rejects steps that do not increase', () => {
    expect(messageFor((doc) => (doc.runs[0]!.series.trainLoss!.steps = [1, 3, 2, 4, 5]))).toBe(
      'The file has invalid data: runs[0].series.trainLoss: steps must increase (step 2 comes after 3).',
    );
    expect(messageFor((doc) => (doc.runs[0]!.series.trainLoss!.steps = [1, 2, 2, 4, 5]))).toBe(
      'The file has invalid data: runs[0].series.trainLoss: steps must increase (step 2 comes after 2).',
    );
  });

  it('reads values beyond the float32 range as NaN, with a note', () => {
    const text = textWith((doc) => (doc.runs[0]!.series.trainLoss!.values[0] = 1e39));
    const { runs, notes } = accepted(parseImport(text));
    expect(Number.isNaN(runs[0]!.series.trainLoss!.values[0])).toBe(true);
    expect(notes).toEqual(['run 1: 1 trainLoss value beyond the 32-bit float range read as NaN']);
  });
});
