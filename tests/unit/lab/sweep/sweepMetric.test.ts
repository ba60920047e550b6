import { describe, expect, it } from 'vitest';
import { sweepMetric } from '../../../../src/page/lab/sweep/sweepMetric';

describe('sweepMetric', () => {
  it('keeps the wanted metric when a run records it', () => {
    expect(sweepMetric('testAccuracy', false, ['trainLoss', 'testAccuracy'])).toBe('testAccuracy');
  });
  it('falls back in order: train accuracy, then train loss, then the first recorded', () => {
    expect(sweepMetric('testAccuracy', false, ['trainLoss', 'trainAccuracy'])).toBe(
      'trainAccuracy',
    );
    expect(sweepMetric('testAccuracy', false, ['learningRate', 'trainLoss'])).toBe('trainLoss');
    expect(sweepMetric('testAccuracy', false, ['learningRate'])).toBe('learningRate');
  });
  it('keeps a picked metric, and the wanted one while no run records anything', () => {
    expect(sweepMetric('testAccuracy', true, ['trainLoss'])).toBe('testAccuracy');
    expect(sweepMetric('testAccuracy', false, [])).toBe('testAccuracy');
  });
});
