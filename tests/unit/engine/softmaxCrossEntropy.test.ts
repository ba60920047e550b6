/**
 * The softmax cross-entropy kernels against tfjs's losses.softmaxCrossEntropy (loss and gradient),
 * a float64 definition, finite differences, and the awkward inputs: equal logits, huge logits, a
 * NaN, one row.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import '../../../src/engine/gradients';
import { crossEntropy } from '../../../src/engine/model/loss';
import { Prng } from '../../../src/engine/random/prng';

beforeAll(() => registerCpuAndWasm());

const rng = new Prng(5);

/** tfjs's own loss, as crossEntropy ran before the kernel. */
const stockLoss = (logits: tf.Tensor2D, labels: tf.Tensor1D) =>
  tf.losses.softmaxCrossEntropy(tf.oneHot(labels, logits.shape[1]), logits) as tf.Scalar;

/** The loss and its gradient with respect to the logits. */
function lossAndGrad(loss: typeof crossEntropy, logits: tf.Tensor2D, labels: tf.Tensor1D) {
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => loss(x as tf.Tensor2D, labels))(logits);
  return { loss: value.dataSync()[0] as number, grad: Array.from(grad.dataSync()) };
}

/** Mean cross-entropy by its definition, in float64. */
function lossByDefinition(x: number[][], labels: number[]): number {
  const rows = x.map((row, i) => {
    const max = Math.max(...row);
    const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    return logSum + max - row[labels[i]!]!;
  });
  return rows.reduce((a, b) => a + b, 0) / rows.length;
}

describe.each(['wasm', 'cpu'])('softmax cross-entropy kernels on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([
    ['a batch of 20 over 10 classes', 20, 10, 3],
    ['one row', 1, 10, 3],
    ['two classes, large logits', 6, 2, 40],
  ])('%s: loss and gradient as tfjs and the definition', (_name, b, k, spread) => {
    const x = Array.from({ length: b }, () =>
      Array.from({ length: k }, () => spread * rng.normal()),
    );
    const labels = Array.from({ length: b }, (_, i) => i % k);
    const logits = tf.tensor2d(x);
    const y = tf.tensor1d(labels, 'int32');
    const ours = lossAndGrad(crossEntropy, logits, y);
    const stock = lossAndGrad(stockLoss, logits, y);
    expect(ours.loss).toBeCloseTo(lossByDefinition(x, labels), 5);
    expect(Math.abs(ours.loss - stock.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, stock.loss));
    ours.grad.forEach((g, i) => expect(Math.abs(g - stock.grad[i]!)).toBeLessThanOrEqual(1e-6));
    // Each row's gradient sums to zero (softmax minus a one-hot, over b).
    for (let i = 0; i < b; i++) {
      const row = ours.grad.slice(i * k, (i + 1) * k).reduce((s, v) => s + v, 0);
      expect(Math.abs(row)).toBeLessThan(1e-6);
    }
    tf.dispose([logits, y]);
  });

  it('matches central differences of its own loss', () => {
    const x = [
      [0.3, -1.2, 2.0, 0.0],
      [1.0, 1.0, 1.0, 1.0],
      [-0.5, 0.25, 0.75, -2.0],
    ];
    const labels = [2, 1, 0];
    const y = tf.tensor1d(labels, 'int32');
    const { grad } = lossAndGrad(crossEntropy, tf.tensor2d(x), y);
    const h = 1e-3;
    x.forEach((row, i) =>
      row.forEach((v, j) => {
        const at = (d: number) =>
          lossByDefinition(
            x.map((r, ri) => r.map((c, cj) => (ri === i && cj === j ? v + d : c))),
            labels,
          );
        expect(grad[i * 4 + j]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 4);
      }),
    );
  });

  it('equal logits: log k, and a gradient of (1/k - onehot) / b', () => {
    const { loss, grad } = lossAndGrad(
      crossEntropy,
      tf.zeros([2, 5]) as tf.Tensor2D,
      tf.tensor1d([0, 4], 'int32'),
    );
    expect(loss).toBeCloseTo(Math.log(5), 6);
    expect(grad[0]).toBeCloseTo((0.2 - 1) / 2, 6);
    expect(grad[1]).toBeCloseTo(0.2 / 2, 6);
    expect(grad[9]).toBeCloseTo((0.2 - 1) / 2, 6);
  });

  it('a NaN logit makes the loss NaN, as tfjs', () => {
    const logits = tf.tensor2d([
      [0, NaN, 1],
      [1, 2, 3],
    ]);
    const y = tf.tensor1d([0, 2], 'int32');
    expect(Number.isNaN(lossAndGrad(crossEntropy, logits, y).loss)).toBe(true);
    expect(Number.isNaN(lossAndGrad(stockLoss, logits, y).loss)).toBe(true);
  });

  it('leaves no tensor behind', () => {
    const logits = tf.randomNormal([8, 10]) as tf.Tensor2D;
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
    const run = () => {
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, y))(
        logits,
      );
      tf.dispose([value, grad]);
    };
    run();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) run();
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([logits, y]);
  });
});
