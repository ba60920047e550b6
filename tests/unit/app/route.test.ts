import { describe, expect, it } from 'vitest';
import { deepLinear } from '../../../src/experiments/deepLinear';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import type { ExperimentSettings } from '../../../src/experiments/types';
import {
  DEFAULT_LAB,
  formatRoute,
  parseRoute,
  type LabParams,
  type Route,
} from '../../../src/page/url/route';

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

describe("an article section's settings in its link", () => {
  const defaults = doesBnWork.defaults;
  /** One value off the default for every setting of the experiment's form. */
  const changed: ExperimentSettings = {
    steps: defaults.steps + 100,
    gammaInit: defaults.gammaInit === 1 ? 0.1 : 1,
    placement: defaults.placement === 'before-relu' ? 'blog-layout' : 'before-relu',
    dataset: defaults.dataset === 'mnist' ? 'fashion-mnist' : 'mnist',
    seed: defaults.seed + 5,
    evalEvery: defaults.evalEvery + 10,
    learningRates: [0.05, 2],
  };

  it('round-trips each setting off its default, and writes only that one', () => {
    for (const name of Object.keys(changed) as (keyof ExperimentSettings)[]) {
      const settings = { [name]: changed[name] };
      const route: Route = {
        view: 'article',
        section: 'does-bn-work',
        linked: { experiment: 'does-bn-work', settings },
      };
      const hash = formatRoute(route);
      expect(hash.split('?')[1]?.split('&'), hash).toHaveLength(1);
      expect(parseRoute(hash)).toEqual(route);
    }
  });

  it('reads a hand-written link', () => {
    expect(parseRoute('#/article/does-bn-work?lr=0.05,0.5&steps=300&place=blog-layout')).toEqual({
      view: 'article',
      section: 'does-bn-work',
      linked: {
        experiment: 'does-bn-work',
        settings: { learningRates: [0.05, 0.5], steps: 300, placement: 'blog-layout' },
      },
    });
    expect(parseRoute('#/article/does-bn-work?data=fashion-mnist')).toEqual({
      view: 'article',
      section: 'does-bn-work',
      linked: { experiment: 'does-bn-work', settings: { dataset: 'fashion-mnist' } },
    });
  });

  it('leaves out settings at their defaults: a launch with the defaults gives the bare section', () => {
    const route: Route = {
      view: 'article',
      section: 'does-bn-work',
      linked: { experiment: 'does-bn-work', settings: defaults },
    };
    expect(formatRoute(route)).toBe('#/article/does-bn-work');
  });

  it('names an embedded experiment that is not the section’s own, with its own defaults', () => {
    const route: Route = {
      view: 'article',
      section: 'beyond-bn',
      linked: { experiment: 'deep-linear', settings: { ...deepLinear.defaults, steps: 50 } },
    };
    const hash = formatRoute(route);
    expect(hash).toBe('#/article/beyond-bn?steps=50&x=deep-linear');
    expect(parseRoute(hash)).toEqual({
      view: 'article',
      section: 'beyond-bn',
      linked: { experiment: 'deep-linear', settings: { steps: 50 } },
    });
  });

  it('drops what it cannot read: words for numbers, a list with a bad entry, an unknown placement', () => {
    expect(
      parseRoute('#/article/does-bn-work?steps=abc&lr=0.1,x&place=sideways&seed=&gamma=1e999'),
    ).toEqual({ view: 'article', section: 'does-bn-work' });
    // Readable but out of range is kept: the form says what is wrong with it.
    expect(parseRoute('#/article/does-bn-work?steps=-3')).toMatchObject({
      linked: { settings: { steps: -3 } },
    });
  });

  it('gives presentation mode no settings', () => {
    expect(parseRoute('#/present/does-bn-work?steps=50')).toEqual({
      view: 'present',
      section: 'does-bn-work',
    });
  });
});
