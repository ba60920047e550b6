import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatPercent, formatRate } from '../../../src/page/panels/format';

describe('formatEta', () => {
  it('says 0 s when nothing remains, whatever the speed', () => {
    expect(formatEta(0, 10)).toBe('0 s');
    expect(formatEta(-5, 0)).toBe('0 s');
  });

  it('says – when the speed is unknown', () => {
    expect(formatEta(100, 0)).toBe('–');
    expect(formatEta(100, NaN)).toBe('–');
    expect(formatEta(100, -1)).toBe('–');
  });

  it('rounds seconds up and formats seconds, minutes and hours', () => {
    expect(formatEta(12, 1)).toBe('12 s');
    expect(formatEta(10, 3)).toBe('4 s'); // 3.33 s -> 4
    expect(formatEta(59, 1)).toBe('59 s');
    expect(formatEta(59.5, 1)).toBe('1 m 00 s');
    expect(formatEta(130, 2)).toBe('1 m 05 s');
    expect(formatEta(3599, 1)).toBe('59 m 59 s');
    expect(formatEta(3600, 1)).toBe('1 h 00 m');
    expect(formatEta(3725, 1)).toBe('1 h 02 m'); // 62 min 5 s
    expect(formatEta(100_000, 2)).toBe('13 h 53 m'); // 50,000 s
  });
});

describe('formatRate', () => {
  it('says – for zero, negative or NaN speeds', () => {
    expect(formatRate(0)).toBe('–');
    expect(formatRate(-3)).toBe('–');
    expect(formatRate(NaN)).toBe('–');
  });

  it('gives two significant digits below 100 and whole numbers from 100', () => {
    expect(formatRate(1.234)).toBe('1.2');
    expect(formatRate(12.34)).toBe('12');
    expect(formatRate(0.0456)).toBe('0.046');
    expect(formatRate(9.96)).toBe('10');
    expect(formatRate(100)).toBe('100');
    expect(formatRate(150.4)).toBe('150');
    expect(formatRate(1234.5)).toBe('1235');
  });

  it('never falls into exponent notation just below 100', () => {
    expect(formatRate(99.4)).toBe('99');
    expect(formatRate(99.5)).toBe('100');
    expect(formatRate(99.96)).toBe('100');
  });
});

describe('formatPercent', () => {
  it('says – for a missing or non-finite fraction', () => {
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPercent(NaN)).toBe('–');
    expect(formatPercent(Infinity)).toBe('–');
  });

  it('shows one decimal', () => {
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.875)).toBe('87.5%');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.98765)).toBe('98.8%');
  });
});

describe('formatBytes', () => {
  it('shows whole kilobytes below a megabyte', () => {
    expect(formatBytes(0)).toBe('0 kB');
    expect(formatBytes(400)).toBe('0 kB');
    expect(formatBytes(999)).toBe('1 kB');
    expect(formatBytes(1500)).toBe('2 kB');
    expect(formatBytes(250_000)).toBe('250 kB');
  });

  it('shows megabytes with one decimal from 1,000,000 bytes', () => {
    expect(formatBytes(1_000_000)).toBe('1.0 MB');
    expect(formatBytes(7_850_016)).toBe('7.9 MB');
    expect(formatBytes(12_340_000)).toBe('12.3 MB');
  });
});
