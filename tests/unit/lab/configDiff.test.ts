import { describe, expect, it } from 'vitest';
import {
  describePath,
  diffConfigs,
  flattenConfig,
  MISSING_VALUE,
} from '../../../src/page/lab/configDiff';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../src/shared/runConfig';

const valueAt = (config: RunConfig, path: string) =>
  flattenConfig(config).find((e) => e.path === path)?.value;

/** DEFAULT_RUN_CONFIG with batch norm and another learning rate. */
const bnConfig: RunConfig = {
  ...DEFAULT_RUN_CONFIG,
  model: { ...DEFAULT_RUN_CONFIG.model, normalization: 'batchnorm' },
  learningRate: 0.5,
};

describe('flattenConfig', () => {
  it('shows arrays as comma lists and numbers as written', () => {
    expect(valueAt(DEFAULT_RUN_CONFIG, 'model.convFilters')).toBe('8, 16');
    expect(valueAt(DEFAULT_RUN_CONFIG, 'learningRate')).toBe('0.1');
    expect(valueAt(DEFAULT_RUN_CONFIG, 'model.normalization')).toBe('none');
    expect(valueAt(DEFAULT_RUN_CONFIG, 'model.noise.blogMeans')).toBe('0.15, 0.1');
    // No thousands separators.
    expect(valueAt(DEFAULT_RUN_CONFIG, 'data.trainSize')).toBe('8000');
  });

  it('has one entry per leaf setting, in schema order, with no object left unflattened', () => {
    const paths = flattenConfig(DEFAULT_RUN_CONFIG).map((e) => e.path);
    expect(paths.slice(0, 4)).toEqual(['task', 'dataset', 'model.convFilters', 'model.kernelSize']);
    expect(paths.slice(-4)).toEqual(['data.testSize', 'data.splitSeed', 'evalEvery', 'evalSize']);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toHaveLength(46);
    for (const entry of flattenConfig(DEFAULT_RUN_CONFIG)) {
      expect(entry.value).not.toContain('[object');
    }
  });

  it('follows the schema, not the key order of the object it is given', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_RUN_CONFIG).reverse()) as RunConfig;
    expect(flattenConfig(reordered).map((e) => e.path)).toEqual(
      flattenConfig(DEFAULT_RUN_CONFIG).map((e) => e.path),
    );
  });
});

describe('diffConfigs', () => {
  it('marks exactly the settings that differ, with both values', () => {
    const rows = diffConfigs(DEFAULT_RUN_CONFIG, bnConfig);
    expect(rows.filter((r) => r.differs)).toEqual([
      { path: 'model.normalization', a: 'none', b: 'batchnorm', differs: true },
      { path: 'learningRate', a: '0.1', b: '0.5', differs: true },
    ]);
    expect(rows.find((r) => r.path === 'model.convFilters')).toEqual({
      path: 'model.convFilters',
      a: '8, 16',
      b: '8, 16',
      differs: false,
    });
  });

  it('keeps one stable order: the flattened order, whichever side is which', () => {
    const order = flattenConfig(DEFAULT_RUN_CONFIG).map((e) => e.path);
    expect(diffConfigs(DEFAULT_RUN_CONFIG, bnConfig).map((r) => r.path)).toEqual(order);
    expect(diffConfigs(bnConfig, DEFAULT_RUN_CONFIG).map((r) => r.path)).toEqual(order);
    expect(diffConfigs(DEFAULT_RUN_CONFIG, bnConfig)).toEqual(
      diffConfigs(DEFAULT_RUN_CONFIG, bnConfig),
    );
  });

  it('finds no difference between a config and itself', () => {
    expect(diffConfigs(DEFAULT_RUN_CONFIG, DEFAULT_RUN_CONFIG).some((r) => r.differs)).toBe(false);
  });

  it('takes the union of paths, marking a setting only one side has', () => {
    const older = { ...DEFAULT_RUN_CONFIG } as Partial<RunConfig>;
    delete older.evalSize;
    const rows = diffConfigs(older as RunConfig, DEFAULT_RUN_CONFIG);
    expect(rows.map((r) => r.path)).toEqual(flattenConfig(DEFAULT_RUN_CONFIG).map((e) => e.path));
    expect(rows.find((r) => r.path === 'evalSize')).toEqual({
      path: 'evalSize',
      a: MISSING_VALUE,
      b: '500',
      differs: true,
    });
  });
});

describe('describePath', () => {
  it('names the common settings and falls back to the path', () => {
    expect(describePath('model.normalization')).toBe('Normalization');
    expect(describePath('learningRate')).toBe('Learning rate');
    expect(describePath('model.convFilters')).toBe('Filters per conv layer');
    expect(describePath('optimizer.name')).toBe('Optimizer');
    expect(describePath('lrSchedule.name')).toBe('LR schedule');
    expect(describePath('model.gammaInit')).toBe('BN γ₀');
    expect(describePath('measure.momentsEvery')).toBe('Moments every (steps)');
    expect(describePath('model.future')).toBe('model.future');
    expect(describePath('constructor')).toBe('constructor');
  });

  it('names every setting of the schema', () => {
    for (const { path } of flattenConfig(DEFAULT_RUN_CONFIG)) {
      expect(describePath(path), path).not.toBe(path);
    }
  });
});
