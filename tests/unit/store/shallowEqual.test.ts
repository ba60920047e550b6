import { describe, expect, it } from 'vitest';
import { shallowEqual } from '../../../src/page/store/shallowEqual';

describe('shallowEqual', () => {
  const run = { id: 'a' };

  it('compares arrays element by element, by identity', () => {
    expect(shallowEqual([run, 1, 'x'], [run, 1, 'x'])).toBe(true);
    expect(shallowEqual([], [])).toBe(true);
    expect(shallowEqual([run], [{ id: 'a' }])).toBe(false);
    expect(shallowEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(shallowEqual([1, 2, 3], [1, 2])).toBe(false);
  });

  it('treats holes, undefined, NaN and signed zeros as Object.is does', () => {
    expect(shallowEqual([undefined], [undefined])).toBe(true);
    expect(shallowEqual([NaN], [NaN])).toBe(true);
    expect(shallowEqual([0], [-0])).toBe(false);
    expect(shallowEqual([undefined, 1], [null, 1])).toBe(false);
  });

  it('compares plain objects by own keys and values', () => {
    expect(shallowEqual({ a: 1, b: run }, { b: run, a: 1 })).toBe(true);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(shallowEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(shallowEqual({ a: { x: 1 } }, { a: { x: 1 } })).toBe(false);
  });

  it('never takes an array for an object with the same entries', () => {
    expect(shallowEqual([1], { 0: 1 })).toBe(false);
    expect(shallowEqual({ 0: 1 }, [1])).toBe(false);
    expect(shallowEqual(Object.create(null), {})).toBe(false);
  });

  it('compares other values by identity', () => {
    expect(shallowEqual(1, 1)).toBe(true);
    expect(shallowEqual('a', 'b')).toBe(false);
    expect(shallowEqual(null, {})).toBe(false);
    expect(shallowEqual(undefined, [])).toBe(false);
  });
});
