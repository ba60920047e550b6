import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/gradients';
import { NORMALIZATION_REGISTRY } from '../../../src/engine/model/normalization/registry';
import { deadChannelFraction } from '../../../src/engine/model/loss';
import { runConfig, useBackend } from '../../helpers/engine';

beforeAll(() => useBackend('cpu'));

/** x[n, h, w, c] for n, h, w in {0, 1} and 2 channels, as plain numbers. */
const X = Array.from({ length: 2 * 2 * 2 * 2 }, (_, i) => ((i * 7) % 11) - 3 + (i % 2) * 10);

/** Per-channel mean and biased variance of X, computed by hand-written loops. */
function channelStats(channel: number): { mean: number; variance: number } {
  const values = X.filter((_, i) => i % 2 === channel);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

const noSeed = { noiseSeed: () => 0, layerIndex: 0 };

describe('batch normalization', () => {
  const config = runConfig({
    model: { gammaInit: 0.5, runningMomentum: 0.1, epsilon: 1e-5 },
  }).model;

  it('normalizes each channel with batch statistics, scaled by gamma', async () => {
    const layer = NORMALIZATION_REGISTRY.batchnorm.create(2, config, noSeed);
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    const y = await layer.apply(x, { mode: 'probe', noise: 'off' }).data();
    for (let i = 0; i < X.length; i++) {
      const { mean, variance } = channelStats(i % 2);
      const expected = (0.5 * ((X[i] as number) - mean)) / Math.sqrt(variance + 1e-5);
      expect(y[i]).toBeCloseTo(expected, 4);
    }
  });

  it('updates running averages in train mode only, with the unbiased variance', async () => {
    const layer = NORMALIZATION_REGISTRY.batchnorm.create(2, config, noSeed);
    const [runningMean, runningVar] = layer.state;
    if (!runningMean || !runningVar) throw new Error('batchnorm has two state variables');
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    layer.apply(x, { mode: 'probe', noise: 'off' });
    expect(Array.from(await runningMean.data())).toEqual([0, 0]);
    layer.apply(x, { mode: 'train', noise: 'off' });
    const means = await runningMean.data();
    const vars = await runningVar.data();
    for (const c of [0, 1]) {
      const { mean, variance } = channelStats(c);
      expect(means[c]).toBeCloseTo(0.1 * mean, 5);
      expect(vars[c]).toBeCloseTo(0.9 * 1 + 0.1 * variance * (8 / 7), 4);
    }
  });

  it('uses the running averages in eval mode', async () => {
    const layer = NORMALIZATION_REGISTRY.batchnorm.create(2, config, noSeed);
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    // Fresh running stats are mean 0, variance 1: eval is then gamma * x / sqrt(1 + eps).
    const y = await layer.apply(x, { mode: 'eval', noise: 'off' }).data();
    expect(y[3]).toBeCloseTo((0.5 * (X[3] as number)) / Math.sqrt(1 + 1e-5), 4);
  });

  it('has d/dx sum(BN(x)) = 0 and a gradient that matches finite differences', async () => {
    const layer = NORMALIZATION_REGISTRY.batchnorm.create(2, config, noSeed);
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    const dx = await tf
      .grad((input: tf.Tensor) =>
        tf.sum(layer.apply(input as tf.Tensor4D, { mode: 'probe', noise: 'off' })),
      )(x)
      .data();
    for (const v of dx) expect(Math.abs(v)).toBeLessThan(1e-5);
    // A weighted sum has a non-zero gradient; check it against central finite differences.
    const w = tf.tensor4d(
      X.map((_, i) => ((i * 5) % 7) - 3),
      [2, 2, 2, 2],
    );
    const f = (input: tf.Tensor) =>
      tf.sum(tf.mul(layer.apply(input as tf.Tensor4D, { mode: 'probe', noise: 'off' }), w));
    const analytic = await tf.grad(f)(x).data();
    const h = 1e-2;
    for (const i of [0, 5, 11]) {
      const plus = X.slice();
      const minus = X.slice();
      plus[i] = (plus[i] as number) + h;
      minus[i] = (minus[i] as number) - h;
      const fp = (await f(tf.tensor4d(plus, [2, 2, 2, 2])).data())[0] as number;
      const fm = (await f(tf.tensor4d(minus, [2, 2, 2, 2])).data())[0] as number;
      expect(analytic[i]).toBeCloseTo((fp - fm) / (2 * h), 3);
    }
  });

  it('has the gradients autodiff gives through tf.moments, for x, gamma and beta', async () => {
    const layer = NORMALIZATION_REGISTRY.batchnorm.create(2, config, noSeed);
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    const w = tf.tensor4d(
      X.map((_, i) => ((i * 5) % 7) - 3),
      [2, 2, 2, 2],
    );
    const gamma = tf.tensor1d([0.7, -1.3]);
    const beta = tf.tensor1d([0.2, 0.4]);
    const closedForm = (input: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(layer.apply(input as tf.Tensor4D, { mode: 'probe', noise: 'off' }, [g, b]), w));
    const autodiff = (input: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(input, [0, 1, 2]);
      const xhat = tf.div(tf.sub(input, mean), tf.sqrt(tf.add(variance, 1e-5)));
      return tf.sum(tf.mul(tf.add(tf.mul(xhat, g), b), w));
    };
    const ours = tf.grads(closedForm)([x, gamma, beta]);
    const reference = tf.grads(autodiff)([x, gamma, beta]);
    for (const [i, t] of ours.entries()) {
      const expected = await (reference[i] as tf.Tensor).data();
      (await t.data()).forEach((v, k) => expect(v).toBeCloseTo(expected[k] as number, 4));
    }
  });

  it('none is the identity and has no parameters', () => {
    const layer = NORMALIZATION_REGISTRY.none.create(2, config, noSeed);
    const x = tf.tensor4d(X, [2, 2, 2, 2]);
    expect(layer.apply(x, { mode: 'train', noise: 'off' })).toBe(x);
    expect(layer.trainable).toHaveLength(0);
  });
});

describe('deadChannelFraction', () => {
  it('counts channels that are zero everywhere in the batch', async () => {
    // 4 channels: channel 1 has one positive value, channels 0, 2, 3 are all zero.
    const values = new Float32Array(2 * 1 * 2 * 4);
    values[5] = 0.3; // n=0, w=1, c=1
    const fraction = await deadChannelFraction(tf.tensor4d(values, [2, 1, 2, 4])).data();
    expect(fraction[0]).toBeCloseTo(0.75, 6);
  });
});
