import { describe, expect, it } from 'vitest';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { checkDraft, draftOf, type SettingsDraft } from '../../../src/panels/settingsForm';

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
      draftOf({ steps: 500, gammaInit: 0.1, placement: 'before-relu', seed: 1, evalEvery: 10 }),
    ).toEqual({
      steps: '500',
      gammaInit: '0.1',
      placement: 'before-relu',
      seed: '1',
      evalEvery: '10',
    });
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

  it('puts a bad seed or evaluation interval on its own field', () => {
    expect(Object.keys(errorsOf({ seed: '-1' }))).toEqual(['seed']);
    expect(Object.keys(errorsOf({ seed: String(2 ** 31) }))).toEqual(['seed']);
    expect(Object.keys(errorsOf({ evalEvery: '0' }))).toEqual(['evalEvery']);
  });
});
