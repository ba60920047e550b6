import { describe, expect, it } from 'vitest';
import {
  checkRunConfig,
  DEFAULT_RUN_CONFIG,
  type ConfigCheck,
  type RunConfig,
} from '../../../src/shared/runConfig';

/** The default config with some top-level fields replaced. */
const withChange = (change: Partial<RunConfig>): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  ...change,
});

/** Paths of the errors of a check that must fail. */
function pathsOf(check: ConfigCheck): string[] {
  if (check.ok) throw new Error('expected the config to be rejected');
  return check.errors.map((e) => e.path);
}

function errorsOf(check: ConfigCheck) {
  if (check.ok) throw new Error('expected the config to be rejected');
  return check.errors;
}

describe('checkRunConfig', () => {
  it('accepts DEFAULT_RUN_CONFIG and returns it unchanged', () => {
    expect(checkRunConfig(DEFAULT_RUN_CONFIG)).toEqual({ ok: true, config: DEFAULT_RUN_CONFIG });
  });

  it('accepts a batch equal to the training set and train + test of exactly 10,000', () => {
    const config = withChange({
      batchSize: 100,
      data: { trainSize: 100, testSize: 9900, splitSeed: 3 },
    });
    expect(checkRunConfig(config).ok).toBe(true);
  });

  it('takes 2 to 4 conv layers and names the field and the bound otherwise', () => {
    const model = (convFilters: number[]) =>
      checkRunConfig(withChange({ model: { ...DEFAULT_RUN_CONFIG.model, convFilters } }));
    expect(model([4, 8, 16, 32]).ok).toBe(true);
    expect(errorsOf(model([8]))).toEqual([
      { path: 'model.convFilters', message: 'needs at least 2 conv layers' },
    ]);
    expect(errorsOf(model([1, 1, 1, 1, 1]))).toEqual([
      { path: 'model.convFilters', message: 'allows at most 4 conv layers' },
    ]);
    expect(pathsOf(model([8, 0]))).toEqual(['model.convFilters.1']);
  });

  it('rejects a step schedule that would grow the rate', () => {
    const lrSchedule = { ...DEFAULT_RUN_CONFIG.lrSchedule, name: 'step' as const, stepFactor: 2 };
    expect(errorsOf(checkRunConfig(withChange({ lrSchedule })))).toEqual([
      { path: 'lrSchedule.stepFactor', message: 'must be at most 1' },
    ]);
  });

  it('rejects a NaN or infinite learning rate on learningRate', () => {
    expect(pathsOf(checkRunConfig(withChange({ learningRate: NaN })))).toEqual(['learningRate']);
    expect(pathsOf(checkRunConfig(withChange({ learningRate: Infinity })))).toEqual([
      'learningRate',
    ]);
    expect(pathsOf(checkRunConfig(withChange({ learningRate: 0 })))).toEqual(['learningRate']);
  });

  it('rejects a batch larger than the training set on batchSize', () => {
    const config = withChange({
      batchSize: 200,
      data: { trainSize: 100, testSize: 2000, splitSeed: 0 },
    });
    expect(errorsOf(checkRunConfig(config))).toEqual([
      { path: 'batchSize', message: 'batch size exceeds the training images' },
    ]);
  });

  it('rejects train + test above the 10,000 images of the dataset on data.trainSize', () => {
    const config = withChange({ data: { trainSize: 9000, testSize: 1001, splitSeed: 0 } });
    expect(errorsOf(checkRunConfig(config))).toEqual([
      {
        path: 'data.trainSize',
        message: 'train + test images exceed the 10,000 images of the dataset',
      },
    ]);
  });

  it('rejects an evaluation larger than the test split on evalSize', () => {
    const config = withChange({ evalSize: 2001 });
    expect(errorsOf(checkRunConfig(config))).toEqual([
      { path: 'evalSize', message: 'evaluation size exceeds the test images' },
    ]);
  });

  it('reports every cross-field problem at once', () => {
    const config = withChange({
      batchSize: 600,
      evalSize: 9700,
      data: { trainSize: 500, testSize: 9600, splitSeed: 0 },
    });
    expect(pathsOf(checkRunConfig(config)).sort()).toEqual([
      'batchSize',
      'data.trainSize',
      'evalSize',
    ]);
  });

  it('names nested paths with dots and rejects what is not a config', () => {
    const config = withChange({ model: { ...DEFAULT_RUN_CONFIG.model, gammaInit: -1 } });
    expect(pathsOf(checkRunConfig(config))).toEqual(['model.gammaInit']);
    expect(checkRunConfig(null).ok).toBe(false);
    expect(checkRunConfig({ ...DEFAULT_RUN_CONFIG, steps: '500' }).ok).toBe(false);
  });
});
