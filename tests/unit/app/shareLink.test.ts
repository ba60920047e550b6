import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import {
  configChanges,
  decodeRunSet,
  decodeSetup,
  encodeRunSet,
  encodeSetup,
  type SharedSetup,
} from '../../../src/page/url/shareLink';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

const query = (param: string) => new URLSearchParams(param);

const bn: SharedSetup = {
  label: 'BN, lr 0.5: fast',
  seeds: 3,
  config: {
    ...DEFAULT_RUN_CONFIG,
    learningRate: 0.5,
    seed: 7,
    model: { ...DEFAULT_RUN_CONFIG.model, normalization: 'batchnorm', convFilters: [4, 8, 16] },
  },
};

describe('setups in links', () => {
  it('writes common settings as readable pairs and reads them back', () => {
    const param = encodeSetup(bn);
    expect(param).toBe(
      'new=filters:4-8-16,norm:batchnorm,lr:0.5,seed:7,seeds:3,name:BN%2C%20lr%200.5:%20fast',
    );
    expect(decodeSetup(query(param))).toEqual({ ok: true, value: bn });
  });

  it('names the dataset readably, a shipped one and one imported in a browser', () => {
    for (const dataset of ['fashion-mnist', 'local:my shapes-2.v1'] as const) {
      const setup: SharedSetup = {
        label: 'x',
        seeds: 1,
        config: { ...DEFAULT_RUN_CONFIG, dataset },
      };
      const param = encodeSetup(setup);
      expect(
        param.startsWith(`new=data:${encodeURIComponent(dataset).replace(/%3A/g, ':')},`),
      ).toBe(true);
      expect(decodeSetup(query(param))).toEqual({ ok: true, value: setup });
    }
  });

  it('compresses a setup with settings that have no short name', () => {
    const adam: SharedSetup = {
      ...bn,
      config: { ...bn.config, optimizer: { ...bn.config.optimizer, name: 'adam', beta1: 0.8 } },
    };
    const param = encodeSetup(adam);
    expect(param.startsWith('newz=')).toBe(true);
    expect(decodeSetup(query(param))).toEqual({ ok: true, value: adam });
  });

  it('a set of runs round-trips, holding only what differs from the defaults', () => {
    const plain: SharedSetup = { label: 'plain', seeds: 1, config: DEFAULT_RUN_CONFIG };
    expect(configChanges(DEFAULT_RUN_CONFIG)).toEqual({});
    const param = encodeRunSet([plain, bn]);
    expect(decodeRunSet(query(param))).toEqual({ ok: true, value: [plain, bn] });
  });

  it.each([
    ['new=lr:50', /not valid: learningRate must be at most 10/],
    ['new=lr:fast', /not valid: learningRate must be a number/],
    ['new=color:red', /does not know \(“color”\)/],
    ['newz=%%%garbage', /damaged/],
    ['runs=abc', /damaged/],
  ])('%s: a clear message, nothing loaded', (param, message) => {
    const decoded = decodeSetup(query(param)) ?? decodeRunSet(query(param));
    expect(decoded?.ok).toBe(false);
    if (decoded && !decoded.ok) expect(decoded.message).toMatch(message);
  });

  it('ignores prototype paths in a crafted link', () => {
    const crafted = encodeRunSet([{ label: 'x', seeds: 1, config: DEFAULT_RUN_CONFIG }]).replace(
      /^runs=/,
      '',
    );
    expect(crafted.length).toBeGreaterThan(0);
    const evil = new URLSearchParams();

    evil.set(
      'newz',
      compressToEncodedURIComponent(
        JSON.stringify({ label: 'x', changes: { '__proto__.polluted': true, learningRate: 0.2 } }),
      ),
    );
    const decoded = decodeSetup(evil);
    expect(decoded?.ok && decoded.value.config.learningRate).toBe(0.2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses more runs than a link may hold, and names without text become "Shared run"', () => {
    const many = Array.from({ length: 17 }, () => ({
      label: '',
      seeds: 1,
      config: DEFAULT_RUN_CONFIG,
    }));
    const decoded = decodeRunSet(query(encodeRunSet(many)));
    expect(decoded).toEqual({ ok: false, message: 'The link holds 17 runs; at most 16 are read.' });
    const one = decodeRunSet(query(encodeRunSet(many.slice(0, 1))));
    expect(one?.ok && one.value[0]?.label).toBe('Shared run');
  });
});
