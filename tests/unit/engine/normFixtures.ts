/** Small fixed activations and hand-computed statistics the normalization tests share. */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { LpOrder } from '../../../src/engine/model/normalization/lpNorm';
import type { NormPass } from '../../../src/engine/model/normalization/types';
import type { ModelConfig } from '../../../src/shared/runConfig';
import { runConfig } from '../../helpers/engine';

/** Shape of the small fixed activation: 3 examples, 2x2 positions, 2 channels. */
export const SMALL: [number, number, number, number] = [3, 2, 2, 2];
/** Fixed activations with distinct magnitudes (no ties, no zeros) and a non-zero mean per channel. */
export const X = Array.from(
  { length: 24 },
  (_, i) => ((i * 7) % 13) - 4.5 + (i % 2) * 3 + i * 0.01,
);
export const EPS = 1e-5;
/** Running-average momentum of the tests' configs. */
export const MOMENTUM = 0.1;

export const probeOff: NormPass = { mode: 'probe', noise: 'off' };
export const probeDraw: NormPass = { mode: 'probe', noise: 'draw' };
export const probeReuse: NormPass = { mode: 'probe', noise: 'reuse' };

/** A fresh model config with gamma 1. */
export function modelConfig(overrides: Partial<ModelConfig> = {}): ModelConfig {
  return runConfig({
    model: { gammaInit: 1, runningMomentum: MOMENTUM, epsilon: EPS, ...overrides },
  }).model;
}

/** x[n, h, w, c] of X, by index. */
function at(n: number, h: number, w: number, c: number): number {
  return X[((n * 2 + h) * 2 + w) * 2 + c] as number;
}

/** Hand-computed mean and D_p of one channel of X (lpNorm.ts's definition, with plain loops). */
export function handStats(c: number, p: LpOrder): { mean: number; divisor: number } {
  const values = X.filter((_, i) => i % 2 === c);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let divisor: number;
  if (p === 1) divisor = values.reduce((s, v) => s + Math.abs(v), 0) / values.length;
  else if (p === 2) divisor = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
  else {
    let total = 0;
    for (let n = 0; n < SMALL[0]; n++) {
      total += Math.max(...[0, 1].flatMap((h) => [0, 1].map((w) => Math.abs(at(n, h, w, c)))));
    }
    divisor = total / SMALL[0];
  }
  return { mean, divisor };
}

/** Central finite-difference check of d/dx sum(w * f(x)) at X, on a few coordinates. */
export async function checkGradient(f: (x: tf.Tensor4D) => tf.Tensor): Promise<void> {
  const w = tf.tensor4d(
    X.map((_, i) => ((i * 5) % 7) - 3),
    SMALL,
  );
  const loss = (x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor4D), w));
  const analytic = await tf.grad(loss)(tf.tensor4d(X, SMALL)).data();
  const h = 1e-2;
  for (const i of [0, 5, 11, 18]) {
    const plus = X.slice();
    const minus = X.slice();
    plus[i] = (plus[i] as number) + h;
    minus[i] = (minus[i] as number) - h;
    const fp = (await loss(tf.tensor4d(plus, SMALL)).data())[0] as number;
    const fm = (await loss(tf.tensor4d(minus, SMALL)).data())[0] as number;
    expect(analytic[i]).toBeCloseTo((fp - fm) / (2 * h), 2);
  }
}
