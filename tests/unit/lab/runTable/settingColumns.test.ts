import { describe, expect, it } from 'vitest';
import {
  differingSettings,
  MAX_SETTING_COLUMNS,
  settingColumns,
  settingText,
  settingValue,
  sharedText,
} from '../../../../src/page/lab/runTable/settingColumns';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../../../src/shared/runConfig';

/** The default config with some top-level settings changed. */
const config = (change: Partial<RunConfig> = {}): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  ...change,
});
const withModel = (change: Partial<RunConfig['model']>): RunConfig =>
  config({ model: { ...DEFAULT_RUN_CONFIG.model, ...change } });

describe('differingSettings', () => {
  it('finds none among identical configs, one config, or none', () => {
    expect(differingSettings([config(), config(), DEFAULT_RUN_CONFIG])).toEqual([]);
    expect(differingSettings([config({ learningRate: 3 })])).toEqual([]);
    expect(differingSettings([])).toEqual([]);
  });

  it('finds only the seed among the seeds of one launch', () => {
    expect(
      differingSettings([config({ seed: 1 }), config({ seed: 2 }), config({ seed: 3 })]),
    ).toEqual(['seed']);
  });

  it('lists differing settings in schema order, nested ones by dotted path, arrays as one', () => {
    const paths = differingSettings([
      config({ learningRate: 0.5, batchSize: 32 }),
      withModel({ normalization: 'batchnorm', convFilters: [4, 8, 16] }),
      config({ learningRate: 0.5 }),
    ]);
    expect(paths).toEqual([
      'model.convFilters',
      'model.normalization',
      'learningRate',
      'batchSize',
    ]);
  });

  it('counts a setting one config lacks (an older export, say) as differing', () => {
    const { evalSize: _dropped, ...older } = DEFAULT_RUN_CONFIG;
    expect(differingSettings([config(), older as RunConfig])).toEqual(['evalSize']);
  });
});

describe('settingColumns', () => {
  it(`shows at most ${MAX_SETTING_COLUMNS} columns by readable name and names the rest`, () => {
    const many = config({
      learningRate: 0.9,
      batchSize: 8,
      steps: 9,
      seed: 9,
      evalEvery: 9,
      evalSize: 9,
      task: 'deep-linear',
    });
    const { shown, more } = settingColumns([config(), many]);
    expect(shown).toHaveLength(MAX_SETTING_COLUMNS);
    expect(shown[0]).toEqual({ path: 'task', name: 'Task' });
    expect(shown.map((c) => c.name)).toContain('Learning rate');
    expect(more.map((c) => c.path)).toEqual(['evalSize']);
    expect(settingColumns([config(), many], 2).more).toHaveLength(5);
  });
});

describe('setting values', () => {
  it('reads a value as text and as itself by dotted path, missing ones marked', () => {
    const c = withModel({ convFilters: [4, 16], normalization: 'batchnorm' });
    expect(settingText(c, 'model.convFilters')).toBe('4, 16');
    expect(settingText(c, 'model.normalization')).toBe('batchnorm');
    expect(settingText(c, 'model.nothing')).toBe('–');
    expect(settingValue(c, 'model.convFilters')).toEqual([4, 16]);
    expect(settingValue(c, 'learningRate')).toBe(DEFAULT_RUN_CONFIG.learningRate);
    expect(settingValue(c, 'model.nothing.deeper')).toBeUndefined();
    expect(settingValue(c, 'learningRate.toFixed')).toBeUndefined();
  });

  it('gives a group the value its members share, else their distinct values', () => {
    const seeds = [config({ seed: 1 }), config({ seed: 2 }), config({ seed: 1 })];
    expect(sharedText(seeds, 'seed')).toBe('1, 2');
    expect(sharedText(seeds, 'learningRate')).toBe(String(DEFAULT_RUN_CONFIG.learningRate));
    expect(sharedText([], 'seed')).toBe('');
  });
});
