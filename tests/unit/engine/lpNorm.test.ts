import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { lpDivisor, type LpOrder } from '../../../src/engine/model/normalization/lpNorm';
import { NORMALIZATION_REGISTRY } from '../../../src/engine/model/normalization/registry';
import type { NormalizationName } from '../../../src/shared/runConfig';
import { useBackend } from '../../helpers/engine';
import {
  checkGradient,
  EPS,
  handStats,
  modelConfig,
  MOMENTUM,
  probeOff,
  SMALL,
  X,
} from './normFixtures';

beforeAll(() => useBackend('cpu'));
const LP: { name: NormalizationName; p: LpOrder; label: string }[] = [
  { name: 'l1', p: 1, label: 'ℓ1 norm' },
  { name: 'l2', p: 2, label: 'ℓ2 norm' },
  { name: 'linf', p: 'inf', label: 'ℓ∞ norm' },
];

describe('lp normalization', () => {
  for (const { name, p, label } of LP) {
    describe(label, () => {
      it('is registered under its label', () => {
        expect(NORMALIZATION_REGISTRY[name].label).toBe(label);
      });

      it('divides the centred activations by the hand-computed D_p', async () => {
        const layer = NORMALIZATION_REGISTRY[name].create(2, modelConfig(), {
          noiseSeed: () => 1,
          layerIndex: 0,
        });
        const x = tf.tensor4d(X, SMALL);
        const divisor = await lpDivisor(x, p).data();
        const y = await layer.apply(x, probeOff).data();
        const sums = [0, 0];
        for (const c of [0, 1]) expect(divisor[c]).toBeCloseTo(handStats(c, p).divisor, 4);
        for (let i = 0; i < X.length; i++) {
          const { mean, divisor: d } = handStats(i % 2, p);
          expect(y[i]).toBeCloseTo(((X[i] as number) - mean) / (d + EPS), 4);
          sums[i % 2] = (sums[i % 2] as number) + (y[i] as number);
        }
        for (const s of sums) expect(Math.abs(s / 12)).toBeLessThan(1e-5);
      });

      it('updates running averages in train mode only and uses them in eval mode', async () => {
        const layer = NORMALIZATION_REGISTRY[name].create(2, modelConfig({ gammaInit: 0.5 }), {
          noiseSeed: () => 1,
          layerIndex: 0,
        });
        const [runningMean, runningNorm] = layer.state;
        if (!runningMean || !runningNorm) throw new Error('lp norms have two state variables');
        const x = tf.tensor4d(X, SMALL);
        layer.apply(x, probeOff);
        expect(Array.from(await runningMean.data())).toEqual([0, 0]);
        expect(Array.from(await runningNorm.data())).toEqual([1, 1]);
        layer.apply(x, { mode: 'train', noise: 'off' });
        const means = await runningMean.data();
        const norms = await runningNorm.data();
        for (const c of [0, 1]) {
          const { mean, divisor } = handStats(c, p);
          expect(means[c]).toBeCloseTo(MOMENTUM * mean, 5);
          expect(norms[c]).toBeCloseTo(1 - MOMENTUM + MOMENTUM * divisor, 5);
        }
        const y = await layer.apply(x, { mode: 'eval', noise: 'off' }).data();
        for (let i = 0; i < X.length; i++) {
          const c = i % 2;
          const expected =
            (0.5 * ((X[i] as number) - (means[c] as number))) / ((norms[c] as number) + EPS);
          expect(y[i]).toBeCloseTo(expected, 4);
        }
        // Eval does not move the running averages.
        expect(Array.from(await runningMean.data())).toEqual(Array.from(means));
      });

      it('honours the weights argument and matches finite differences', async () => {
        const layer = NORMALIZATION_REGISTRY[name].create(2, modelConfig(), {
          noiseSeed: () => 1,
          layerIndex: 0,
        });
        const x = tf.tensor4d(X, SMALL);
        const base = await layer.apply(x, probeOff).data();
        const shifted = await layer
          .apply(x, probeOff, [tf.tensor1d([2, 3]), tf.tensor1d([1, -1])])
          .data();
        for (let i = 0; i < X.length; i++) {
          const c = i % 2;
          expect(shifted[i]).toBeCloseTo(
            (base[i] as number) * (c === 0 ? 2 : 3) + (c === 0 ? 1 : -1),
            4,
          );
        }
        await checkGradient((input) => layer.apply(input, probeOff));
      });
    });
  }

  it('keeps an all-zero channel finite, gradient included', async () => {
    const layer = NORMALIZATION_REGISTRY.l2.create(2, modelConfig(), {
      noiseSeed: () => 1,
      layerIndex: 0,
    });
    const zeros = tf.zeros([2, 2, 2, 2]);
    const dx = await tf
      .grad((x: tf.Tensor) => tf.sum(layer.apply(x as tf.Tensor4D, probeOff)))(zeros)
      .data();
    for (const v of dx) expect(Number.isFinite(v)).toBe(true);
  });

  it('gives exact zeros the subgradient 0 of |x| in D_1 and D_inf (tfjs abs would give -1)', async () => {
    // Channel 0 is all zeros (a dead unit after ReLU); channel 1 is not.
    const x = tf.tensor4d([0, 1, 0, 2, 0, 3, 0, 4], [2, 1, 2, 2]);
    for (const p of [1, 'inf'] as const) {
      const dx = await tf
        .grad((input: tf.Tensor) => tf.sum(lpDivisor(input as tf.Tensor4D, p)))(x)
        .data();
      for (const c of [0, 2, 4, 6]) expect(dx[c]).toBe(0);
    }
  });
});
