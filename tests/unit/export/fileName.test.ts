import { describe, expect, it } from 'vitest';
import { dateStamp, exportFileName, slugify } from '../../../src/page/charts/export/fileName';

describe('slugify', () => {
  it.each([
    ['Test accuracy', 'test-accuracy'],
    ['does-bn-work-lr-0.5-Test accuracy', 'does-bn-work-lr-0.5-test-accuracy'],
    ['  Train   loss (smoothed 0.60)  ', 'train-loss-smoothed-0.60'],
    ['conv/relu\\pool: BN?', 'conv-relu-pool-bn'],
    ['../../etc/passwd', 'etc-passwd'],
    ['<b>copy</b> & "quotes"', 'b-copy-b-quotes'],
    ['Ünïcödé café', 'unicode-cafe'],
    ['BN γ₀ = 0.1', 'bn-0-0.1'],
    ['ends with a dot.', 'ends-with-a-dot'],
    ['a..b', 'a-b'],
  ])('%j -> %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('falls back when no safe character is left, and keeps names short', () => {
    expect(slugify('γδε 🙂')).toBe('chart');
    expect(slugify('', 'runs')).toBe('runs');
    const long = slugify('x'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^x+$/);
  });

  it('only ever yields safe characters', () => {
    for (const text of ['<script>alert(1)</script>', 'a\u0000b\nc\td', 'C:\\Users\\x', '  .hidden'])
      expect(slugify(text)).toMatch(/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/);
  });
});

describe('exportFileName', () => {
  it('is bnlab-<slug>-<local date>.<extension>', () => {
    const date = new Date(2025, 0, 31, 23, 59);
    expect(dateStamp(date)).toBe('2025-01-31');
    expect(exportFileName('does-bn-work-lr-0.5-Test accuracy', 'png', date)).toBe(
      'bnlab-does-bn-work-lr-0.5-test-accuracy-2025-01-31.png',
    );
    expect(exportFileName('runs', 'csv', new Date(2024, 8, 3))).toBe('bnlab-runs-2024-09-03.csv');
  });
});
