import { describe, expect, it } from 'vitest';
import {
  numberCodec,
  numberListCodec,
  oneOf,
  querySuffix,
  readGiven,
  readQuery,
  writeQuery,
  type QueryTable,
} from '../../../src/page/url/queryTable';

interface Settings {
  rate: number;
  rates: number[];
  mode: 'a' | 'b';
}

const TABLE: QueryTable<Settings> = {
  rate: numberCodec('r'),
  rates: numberListCodec('rs'),
  mode: oneOf('m', ['a', 'b']),
};
const DEFAULTS: Settings = { rate: 0.1, rates: [0.1, 0.5], mode: 'a' };

describe('query codecs', () => {
  it('read numbers as Number does, and nothing that is not finite', () => {
    const rate = numberCodec('r');
    expect(rate.parse('0.5')).toBe(0.5);
    expect(rate.parse(' 2 ')).toBe(2);
    expect(rate.parse('1e-3')).toBe(0.001);
    expect(rate.parse('-0')).toBe(-0);
    for (const text of ['', '  ', 'abc', 'NaN', 'Infinity', '-Infinity', '1e999', '1,5']) {
      expect(rate.parse(text), text).toBeUndefined();
    }
  });

  it('read a list only when every entry is a number (a trailing comma spoils it)', () => {
    const rates = numberListCodec('rs');
    expect(rates.parse('0.05,0.5')).toEqual([0.05, 0.5]);
    expect(rates.parse('2')).toEqual([2]);
    for (const text of ['', ',', '0.1,', ',0.1', '0.1,,0.5', '0.1,x']) {
      expect(rates.parse(text), text).toBeUndefined();
    }
    expect(rates.format([0.05, 0.5])).toBe('0.05,0.5');
  });

  it('read a word only when it is one of the options, in its exact case', () => {
    const mode = oneOf('m', ['a', 'b'] as const);
    expect(mode.parse('b')).toBe('b');
    expect(mode.parse('B')).toBeUndefined();
    expect(mode.parse('')).toBeUndefined();
  });
});

describe('a query table', () => {
  it('reads each setting, keeping the default for one absent or unreadable', () => {
    const q = new URLSearchParams('r=0.3&rs=1,x&m=c');
    expect(readQuery(TABLE, q, DEFAULTS)).toEqual({ ...DEFAULTS, rate: 0.3 });
    expect(readGiven(TABLE, q)).toEqual({ rate: 0.3 });
    expect(readGiven(TABLE, new URLSearchParams(''))).toEqual({});
  });

  it('writes only what differs from the defaults, commas left readable', () => {
    const q = new URLSearchParams();
    writeQuery(TABLE, q, { rate: 0.1, rates: [0.2, 0.4], mode: 'b' }, DEFAULTS);
    expect(querySuffix(q)).toBe('?rs=0.2,0.4&m=b');
    const none = new URLSearchParams();
    writeQuery(TABLE, none, DEFAULTS, DEFAULTS);
    expect(querySuffix(none)).toBe('');
  });

  it('round-trips what it writes', () => {
    const settings: Settings = { rate: 2.5e-4, rates: [0.01, 2], mode: 'b' };
    const q = new URLSearchParams();
    writeQuery(TABLE, q, settings, DEFAULTS);
    expect(readQuery(TABLE, new URLSearchParams(querySuffix(q).slice(1)), DEFAULTS)).toEqual(
      settings,
    );
  });
});
