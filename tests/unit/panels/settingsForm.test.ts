import { describe, expect, it } from 'vitest';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { isItIcs } from '../../../src/experiments/isItIcs';
import {
  checkDraft,
  draftOf,
  parseLearningRates,
  settingsOfLaunch,
  type SettingsDraft,
} from '../../../src/page/panels/settingsForm';

const DEFAULT_DRAFT = draftOf(doesBnWork.defaults);

/** Check the default draft with some fields replaced. */
const check = (change: Partial<SettingsDraft>) =>
  checkDraft(doesBnWork, { ...DEFAULT_DRAFT, ...change });

/** The errors of a draft that must be invalid. */
function errorsOf(change: Partial<SettingsDraft>) {
  const result = check(change);
  if (result.ok) throw new Error(`expected ${JSON.stringify(change)} to be invalid`);
  return result.errors;
}

describe('draftOf', () => {
  it('writes each setting as text', () => {
    expect(
      draftOf({
        steps: 500,
        gammaInit: 0.1,
        placement: 'before-relu',
        dataset: 'fashion-mnist',
        seed: 1,
        evalEvery: 10,
        learningRates: [0.05, 1],
      }),
    ).toEqual({
      steps: '500',
      gammaInit: '0.1',
      placement: 'before-relu',
      dataset: 'fashion-mnist',
      seed: '1',
      evalEvery: '10',
      learningRates: '0.05, 1',
    });
  });
});

describe('parseLearningRates', () => {
  it('reads commas, spaces or semicolons, in the order typed', () => {
    expect(parseLearningRates('0.1, 0.5')).toEqual([0.1, 0.5]);
    expect(parseLearningRates(' 1e-2 0.3;2 ')).toEqual([0.01, 0.3, 2]);
    expect(parseLearningRates('0.5,')).toEqual([0.5]);
  });

  it('says what is wrong: nothing, not numbers, repeats, too many', () => {
    expect(parseLearningRates(' , ')).toBe('enter a learning rate');
    expect(parseLearningRates('0.1, fast')).toBe('enter numbers separated by commas');
    expect(parseLearningRates('0.1, 0.10')).toBe('each learning rate once');
    expect(parseLearningRates('0.1 0.2 0.3 0.4 0.5')).toBe('at most 4 learning rates');
  });
});

describe('settingsOfLaunch', () => {
  it('gives back the settings a launch was planned with, learning rates in panel order', () => {
    const settings = { ...isItIcs.defaults, steps: 40, seed: 3, learningRates: [0.05, 0.8, 0.2] };
    const [first, ...rest] = isItIcs.plan(settings).map((p) => p.config);
    if (!first) throw new Error('no runs planned');
    // The runs past the first rate train with gamma0 0.1; the form's gamma is the first run's.
    expect(settingsOfLaunch([first, ...rest])).toEqual(settings);
  });
});

describe('checkDraft with "does BN work?"', () => {
  it('accepts the defaults and gives them back as numbers', () => {
    expect(check({})).toEqual({ ok: true, settings: doesBnWork.defaults });
  });

  it('parses trimmed text and the other placement', () => {
    expect(
      check({ steps: ' 250 ', gammaInit: '1e-1', seed: '42', placement: 'blog-layout' }),
    ).toEqual({
      ok: true,
      settings: {
        ...doesBnWork.defaults,
        steps: 250,
        gammaInit: 0.1,
        placement: 'blog-layout',
        seed: 42,
      },
    });
  });

  it('rejects steps of 0, above the 100,000 limit, or not whole, on the steps field only', () => {
    for (const steps of ['0', '200000', '2.5', '-10']) {
      const errors = errorsOf({ steps });
      expect(Object.keys(errors)).toEqual(['steps']);
      expect(errors.steps).toBeTruthy();
      expect(errors.steps).not.toBe('enter a number');
    }
  });

  it('asks for a number when a field is not one', () => {
    expect(errorsOf({ steps: 'abc' })).toEqual({ steps: 'enter a number' });
    expect(errorsOf({ evalEvery: '' })).toEqual({ evalEvery: 'enter a number' });
    expect(errorsOf({ seed: '   ' })).toEqual({ seed: 'enter a number' });
    expect(errorsOf({ gammaInit: 'Infinity' })).toEqual({ gammaInit: 'enter a number' });
    expect(errorsOf({ steps: 'x', evalEvery: '' })).toEqual({
      steps: 'enter a number',
      evalEvery: 'enter a number',
    });
  });

  it('puts a negative or too large gamma on gammaInit', () => {
    for (const gammaInit of ['-0.5', '11']) {
      const errors = errorsOf({ gammaInit });
      expect(Object.keys(errors)).toEqual(['gammaInit']);
      expect(errors.gammaInit).toBeTruthy();
    }
    expect(check({ gammaInit: '0' }).ok).toBe(true);
  });

  it('plans one panel per learning rate and puts a rate the schema refuses on its field', () => {
    const result = check({ learningRates: '0.05, 0.3, 1' });
    if (!result.ok) throw new Error('expected three rates to be valid');
    expect(doesBnWork.panels(result.settings).map((p) => p.title)).toEqual([
      'Learning rate 0.05',
      'Learning rate 0.3',
      'Learning rate 1',
    ]);
    expect(doesBnWork.plan(result.settings)).toHaveLength(6);
    for (const learningRates of ['0', '-0.1', '0.1, 1e6']) {
      const errors = errorsOf({ learningRates });
      expect(Object.keys(errors)).toEqual(['learningRates']);
    }
    expect(errorsOf({ learningRates: 'x' })).toEqual({
      learningRates: 'enter numbers separated by commas',
    });
  });

  it('puts a bad seed or evaluation interval on its own field', () => {
    expect(Object.keys(errorsOf({ seed: '-1' }))).toEqual(['seed']);
    expect(Object.keys(errorsOf({ seed: String(2 ** 31) }))).toEqual(['seed']);
    expect(Object.keys(errorsOf({ evalEvery: '0' }))).toEqual(['evalEvery']);
  });
});
