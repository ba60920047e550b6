import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { buildCnn } from '../../../src/engine/model/cnn';
import { Prng } from '../../../src/engine/random/prng';
import { learningRateAt } from '../../../src/engine/train/lrSchedule';
import { OPTIMIZER_REGISTRY } from '../../../src/engine/train/optimizers';
import {
  DEFAULT_RUN_CONFIG,
  OPTIMIZERS,
  type LrScheduleConfig,
} from '../../../src/shared/runConfig';
import { useBackend } from '../../helpers/engine';

const schedule = (overrides: Partial<LrScheduleConfig>): LrScheduleConfig => ({
  ...DEFAULT_RUN_CONFIG.lrSchedule,
  ...overrides,
});

describe('learning-rate schedules', () => {
  it('constant keeps the base rate', () => {
    const c = schedule({ name: 'constant' });
    expect([1, 50, 100].map((s) => learningRateAt(0.3, s, 100, c))).toEqual([0.3, 0.3, 0.3]);
  });

  it('step halves every stepEvery steps, starting after the first stepEvery steps', () => {
    const c = schedule({ name: 'step', stepEvery: 10, stepFactor: 0.5 });
    const rates = [1, 10, 11, 20, 21, 31].map((s) => learningRateAt(0.8, s, 100, c));
    expect(rates).toEqual([0.8, 0.8, 0.4, 0.4, 0.2, 0.1]);
  });

  it('cosine goes from the base rate to minFactor x base along a half cosine', () => {
    const c = schedule({ name: 'cosine', minFactor: 0.1 });
    expect(learningRateAt(1, 1, 101, c)).toBeCloseTo(1, 12);
    // Halfway: the mean of the two ends.
    expect(learningRateAt(1, 51, 101, c)).toBeCloseTo(0.55, 12);
    // A quarter of the way: low + (base - low) (1 + cos(pi/4)) / 2.
    expect(learningRateAt(1, 26, 101, c)).toBeCloseTo(0.1 + (0.9 * (1 + Math.SQRT1_2)) / 2, 12);
    expect(learningRateAt(1, 101, 101, c)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(1, 1, 1, c)).toBe(1);
  });
});

describe('optimizers take a new learning rate between steps', () => {
  beforeAll(() => useBackend('cpu'));

  it.each(OPTIMIZERS)('%s: the first update moves w by the rate set last', async (name) => {
    const w = tf.variable(tf.scalar(1), true, `w-${name}`);
    const scheduled = OPTIMIZER_REGISTRY[name](0.5, DEFAULT_RUN_CONFIG.optimizer);
    scheduled.setLearningRate(0.25);
    // Gradient of w^2 / 2 at w = 1 is 1: SGD and momentum (first step, v = g) move w by -lr;
    // Adam's first bias-corrected step is -lr * g / (|g| + eps) = -lr (to float32 rounding, ~2e-6).
    scheduled.optimizer.minimize(() => tf.mul(tf.square(w), 0.5) as tf.Scalar);
    expect((await w.data())[0]).toBeCloseTo(0.75, 5);
    scheduled.optimizer.dispose();
    w.dispose();
  });
});

describe('CNN depth', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([
    [[8, 16], 7],
    [[4, 8, 8], 3],
    [[4, 4, 4, 4], 1],
  ])('conv filters %j pool 28 px down to %i px and give 10 logits', (convFilters, side) => {
    const config = { ...DEFAULT_RUN_CONFIG.model, convFilters };
    const net = buildCnn(config, new Prng(3));
    const out = net.forward(tf.zeros([2, 28, 28, 1]), { mode: 'train' });
    expect(out.logits.shape).toEqual([2, 10]);
    expect(out.relus).toHaveLength(convFilters.length);
    expect(net.layers.map((l) => l.name)).toEqual([
      ...convFilters.map((_, i) => `conv ${i + 1}`),
      'dense',
    ]);
    const dense = net.trainable[net.layers[convFilters.length]!.weight]!;
    expect(dense.shape).toEqual([side * side * convFilters.at(-1)!, 10]);
    tf.dispose([out.logits, ...out.relus, ...out.preNorm]);
    net.dispose();
  });
});
