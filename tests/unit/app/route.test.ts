import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB, formatRoute, parseRoute, type LabParams } from '../../../src/page/url/route';

describe('routes in the hash', () => {
  it('opens the article by default, and at a section', () => {
    expect(parseRoute('')).toEqual({ view: 'article', section: null });
    expect(parseRoute('#/article/is-it-ics')).toEqual({ view: 'article', section: 'is-it-ics' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'article', section: null });
  });

  it('opens presentation mode at a section, and round-trips it', () => {
    expect(parseRoute('#/present')).toEqual({ view: 'present', section: null });
    expect(parseRoute('#/present/is-it-ics')).toEqual({ view: 'present', section: 'is-it-ics' });
    expect(formatRoute({ view: 'present', section: 'smoothness' })).toBe('#/present/smoothness');
    expect(formatRoute({ view: 'present', section: null })).toBe('#/present');
  });

  it('keeps the first release’s #experiment links working', () => {
    expect(parseRoute('#smoothness', ['smoothness'])).toEqual({
      view: 'article',
      section: 'smoothness',
    });
  });

  it('an empty lab hash gives the defaults, and the defaults give the short hash', () => {
    expect(parseRoute('#/lab')).toEqual({ view: 'lab', params: DEFAULT_LAB });
    expect(formatRoute({ view: 'lab', params: DEFAULT_LAB })).toBe('#/lab');
  });

  it('round-trips every lab setting', () => {
    const params: LabParams = {
      metrics: ['betaSmoothness', 'trainLoss'],
      layout: 'multiples',
      x: 'time',
      y: 'log',
      smoothing: 0.25,
      groupSeeds: false,
      spread: 'sd',
      diffA: 'lab-1-s1',
      diffB: 'lab-2-s1',
    };
    const hash = formatRoute({ view: 'lab', params });
    expect(hash).toBe(
      '#/lab?m=betaSmoothness,trainLoss&layout=multiples&x=time&y=log&s=0.25&group=0&spread=sd&a=lab-1-s1&b=lab-2-s1',
    );
    expect(parseRoute(hash)).toEqual({ view: 'lab', params });
  });

  it('drops unknown metrics and repeated ones, and clamps or ignores bad values', () => {
    const route = parseRoute('#/lab?m=trainLoss,bogus,trainLoss&layout=3d&x=&y=cubic&s=7');
    expect(route).toEqual({
      view: 'lab',
      params: { ...DEFAULT_LAB, metrics: ['trainLoss'], smoothing: 0.99 },
    });
    expect(parseRoute('#/lab?s=abc')).toEqual({ view: 'lab', params: DEFAULT_LAB });
    expect(parseRoute('#/lab?m=')).toEqual({
      view: 'lab',
      params: { ...DEFAULT_LAB, metrics: [] },
    });
  });

  it('round-trips every lab setting off its default, one at a time, and writes only that one', () => {
    const changed: Partial<LabParams>[] = [
      { metrics: ['testAccuracy'] },
      { layout: 'multiples' },
      { x: 'time' },
      { y: 'log' },
      { smoothing: 0 },
      { groupSeeds: false },
      { spread: 'sd' },
      { diffA: 'run-1' },
      { diffB: 'run-2' },
    ];
    for (const change of changed) {
      const params = { ...DEFAULT_LAB, ...change };
      const hash = formatRoute({ view: 'lab', params });
      expect(hash.split('?')[1]?.split('&'), hash).toHaveLength(1);
      expect(parseRoute(hash)).toEqual({ view: 'lab', params });
    }
    expect(formatRoute({ view: 'lab', params: DEFAULT_LAB })).toBe('#/lab');
  });
});
