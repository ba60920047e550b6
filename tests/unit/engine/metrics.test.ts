import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientsAt, type LossAt } from '../../../src/engine/metrics/gradients';
import { internalCovariateShift } from '../../../src/engine/metrics/ics';
import {
  etaGrid,
  landscapeAlongGradient,
  landscapeProbes,
} from '../../../src/engine/metrics/landscape';
import { momentChanges, perChannelMoments } from '../../../src/engine/metrics/moments';
import { quantiles } from '../../../src/engine/metrics/quantiles';
import { Prng } from '../../../src/engine/random/prng';
import { useBackend } from '../../helpers/engine';

beforeAll(() => useBackend('cpu'));

/** Plain-JS matrix helpers for the hand computations (row-major number[][]). */
const matVec = (m: number[][], v: number[]) =>
  m.map((row) => row.reduce((s, a, j) => s + a * (v[j] as number), 0));
const norm = (v: number[]) => Math.sqrt(v.reduce((s, a) => s + a * a, 0));
const sub = (a: number[], b: number[]) => a.map((x, i) => x - (b[i] as number));
const outer = (a: number[], b: number[]) => a.map((x) => b.map((y) => x * y));
const flat = (m: number[][]) => m.flat();
const randomMatrix = (rng: Prng, rows: number, cols: number) =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal() * 0.5));

describe('perChannelMoments', () => {
  it("gives each channel's mean and biased variance over batch and positions, like a plain loop", async () => {
    const rng = new Prng(4);
    const shape = [3, 2, 2, 5];
    const values = Array.from({ length: 60 }, () => rng.normal() * 2 + 1);
    const [means, variances] = (await perChannelMoments(
      tf.tensor(values, shape),
    ).array()) as number[][];
    for (let c = 0; c < 5; c++) {
      const xs = values.filter((_, i) => i % 5 === c);
      const m = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(means![c]).toBeCloseTo(m, 5);
      expect(variances![c]).toBeCloseTo(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length, 4);
    }
  });
});

describe('momentChanges', () => {
  it('gives the channel-averaged changes and their scale-free versions, by hand', () => {
    const before = { mean: [1, -2], variance: [4, 0.25] };
    const now = { mean: [2, -2.5], variance: [5, 0.5] };
    const c = momentChanges(now, before);
    expect(c.meanShift).toBeCloseTo(Math.abs((2 - 2.5) / 2 - (1 - 2) / 2), 10); // |(-0.25) - (-0.5)|
    expect(c.varShift).toBeCloseTo(Math.abs(2.75 - 2.125), 10);
    expect(c.meanShiftRel).toBeCloseTo((1 / 2 + 0.5 / 0.5) / 2, 10);
    expect(c.varShiftRel).toBeCloseTo((1 / 4 + 0.25 / 0.25) / 2, 10);
  });
});

describe('quantiles', () => {
  it('interpolates linearly between order statistics', () => {
    expect(quantiles([4, 1, 3, 2, 5], [0, 0.25, 0.5, 0.9, 1])).toEqual([1, 2, 3, 4.6, 5]);
    expect(quantiles([], [0.5])).toEqual([NaN]);
  });
});

describe('gradientsAt', () => {
  it('matches central finite differences on a tiny two-layer tanh net', async () => {
    const rng = new Prng(8);
    const x = tf.tensor2d(randomMatrix(rng, 4, 3));
    const y = tf.tensor2d(randomMatrix(rng, 4, 2));
    const lossAt: LossAt = ([w1, w2]) =>
      tf.mean(
        tf.square(
          tf.sub(tf.matMul(tf.tanh(tf.matMul(x, w1 as tf.Tensor2D)), w2 as tf.Tensor2D), y),
        ),
      );
    const w1 = randomMatrix(rng, 3, 3);
    const w2 = randomMatrix(rng, 3, 2);
    const weights = [tf.tensor2d(w1), tf.tensor2d(w2)];
    const { grads } = gradientsAt(lossAt, weights);
    const h = 1e-3;
    const lossOf = async (a: number[][], b: number[][]) =>
      (await lossAt([tf.tensor2d(a), tf.tensor2d(b)]).data())[0] as number;
    for (const [which, r, c] of [
      [0, 0, 1],
      [0, 2, 2],
      [1, 1, 0],
      [1, 2, 1],
    ] as const) {
      const plus = [w1.map((row) => row.slice()), w2.map((row) => row.slice())];
      const minus = [w1.map((row) => row.slice()), w2.map((row) => row.slice())];
      (plus[which] as number[][])[r]![c]! += h;
      (minus[which] as number[][])[r]![c]! -= h;
      const fd =
        ((await lossOf(plus[0]!, plus[1]!)) - (await lossOf(minus[0]!, minus[1]!))) / (2 * h);
      const analytic = (await (grads[which] as tf.Tensor).data())[
        r * (which === 0 ? 3 : 2) + c
      ] as number;
      expect(analytic).toBeCloseTo(fd, 3);
    }
  });
});

describe('landscape on a quadratic 0.5 w^T A w', () => {
  it('has effective beta-smoothness ||A g|| / ||g||, and the loss band of the grid', async () => {
    const rng = new Prng(2);
    const b = randomMatrix(rng, 4, 4);
    // A = B B^T + I: symmetric positive definite.
    const a = b.map((row, i) =>
      b.map(
        (other, j) => row.reduce((s, v, k) => s + v * (other[k] as number), 0) + (i === j ? 1 : 0),
      ),
    );
    const w = [0.5, -1, 2, 0.3];
    const A = tf.tensor2d(a);
    const lossAt: LossAt = ([v]) =>
      tf.mul(
        0.5,
        tf.sum(
          tf.mul(v as tf.Tensor1D, tf.squeeze(tf.matMul(A, tf.reshape(v as tf.Tensor, [4, 1])))),
        ),
      ) as tf.Scalar;
    const g = matVec(a, w); // gradient of the quadratic
    const etas = etaGrid(0.01, 0.1, 5);
    const [lossMin, lossMax, diffMin, diffMax, beta] = await landscapeAlongGradient(
      lossAt,
      [tf.tensor1d(w)],
      [tf.tensor1d(g)],
      etas,
    ).data();
    // grad(w - eta g) = A w - eta A g, so ||g - g'|| = eta ||A g|| and the ratio is ||A g|| / ||g||.
    const ag = norm(matVec(a, g));
    expect(beta).toBeCloseTo(ag / norm(g), 3);
    expect(diffMin).toBeCloseTo(0.01 * ag, 3);
    expect(diffMax).toBeCloseTo(0.1 * ag, 3);
    const lossAtJs = (v: number[]) =>
      0.5 * v.reduce((s, x, i) => s + x * (matVec(a, v)[i] as number), 0);
    const grid = etas.map((eta) => lossAtJs(w.map((x, i) => x - eta * (g[i] as number))));
    expect(lossMin).toBeCloseTo(Math.min(...grid), 3);
    expect(lossMax).toBeCloseTo(Math.max(...grid), 3);
    // Each probe row: [L(w - eta g), eta ||A g||, ||A g|| / ||g||].
    const rows = (await landscapeProbes(
      lossAt,
      [tf.tensor1d(w)],
      [tf.tensor1d(g)],
      etas,
    ).array()) as number[][];
    rows.forEach(([loss, diff, ratio], i) => {
      expect(loss).toBeCloseTo(grid[i] as number, 3);
      expect(diff).toBeCloseTo((etas[i] as number) * ag, 3);
      expect(ratio).toBeCloseTo(ag / norm(g), 3);
    });
  });
});

describe('internal covariate shift on a 2-layer linear net', () => {
  it('G and G′ of layer 2 differ exactly as the closed form says', async () => {
    // L(W1, W2) = 0.5 ||W2 W1 x - y||^2; grad_{W2} L = r (W1 x)^T with r = W2 W1 x - y.
    const rng = new Prng(5);
    const w1 = randomMatrix(rng, 3, 3);
    const w2 = randomMatrix(rng, 2, 3);
    const x = [1, -0.5, 2];
    const y = [0.3, -1];
    const lr = 0.1;
    const lossAt: LossAt = ([a, b]) => {
      const h = tf.matMul(a as tf.Tensor2D, tf.tensor2d(x, [3, 1]));
      const out = tf.matMul(b as tf.Tensor2D, h);
      return tf.mul(0.5, tf.sum(tf.square(tf.sub(out, tf.tensor2d(y, [2, 1]))))) as tf.Scalar;
    };
    const grad = (m1: number[][], m2: number[][]) => {
      const h = matVec(m1, x);
      const r = sub(matVec(m2, h), y);
      const g2 = outer(r, h);
      const back = m2[0]!.map((_, j) =>
        m2.reduce((s, row, i) => s + (row[j] as number) * (r[i] as number), 0),
      );
      return { g1: outer(back, x), g2 };
    };
    const { g1, g2 } = grad(w1, w2);
    const w1New = w1.map((row, i) => row.map((v, j) => v - lr * (g1[i]![j] as number)));
    const w2New = w2.map((row, i) => row.map((v, j) => v - lr * (g2[i]![j] as number)));
    const g2Prime = grad(w1New, w2).g2;
    const expectedL2 = norm(sub(flat(g2), flat(g2Prime)));
    const dot = flat(g2).reduce((s, v, i) => s + v * (flat(g2Prime)[i] as number), 0);
    const expectedCos = dot / (norm(flat(g2)) * norm(flat(g2Prime)));

    const before = [tf.tensor2d(w1), tf.tensor2d(w2)];
    const after = [tf.tensor2d(w1New), tf.tensor2d(w2New)];
    const grads = [tf.tensor2d(g1), tf.tensor2d(g2)];
    const layers = [
      { name: 'W1', weight: 0, params: [0] },
      { name: 'W2', weight: 1, params: [1] },
    ];
    const [ics] = internalCovariateShift(lossAt, before, after, grads, layers);
    expect(ics?.layer).toBe('W2');
    expect((await ics!.l2.data())[0]).toBeCloseTo(expectedL2, 4);
    expect((await ics!.cosine.data())[0]).toBeCloseTo(expectedCos, 5);
    expect((await ics!.relative.data())[0]).toBeCloseTo(expectedL2 / norm(flat(g2)), 4);
    expect(expectedL2).toBeGreaterThan(1e-3); // the case is not trivial
  });
});
