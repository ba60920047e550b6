/**
 * 2x2 max pooling with stride 2 ('valid': odd last rows and columns are dropped), with a gradient
 * built from whole-tensor ops: tfjs-wasm's MaxPoolGrad is a scalar loop (12 ms of a 60 ms step at
 * batch 64), the mask below costs a few. The gradient goes to every input equal to its window's max.
 * That equals the stock gradient (one position per window) except on ties; in this network the
 * pooled input is a ReLU output, whose only ties are at 0, where the ReLU's own gradient (0 at 0)
 * removes them again, so training is unchanged (tested against the stock gradient).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The pooling window and stride, pixels. */
export const POOL = 2;

export const maxPool2x2 = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
  const y = tf.maxPool(x, POOL, POOL, 'valid');
  save([x, y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [input, pooled] = saved as [tf.Tensor4D, tf.Tensor4D];
      const [n, h, w, c] = input.shape;
      const [, oh, ow] = pooled.shape;
      const used =
        oh * POOL === h && ow * POOL === w
          ? input
          : tf.slice(input, [0, 0, 0, 0], [n, oh * POOL, ow * POOL, c]);
      const windows = tf.reshape(used, [n, oh, POOL, ow, POOL, c]);
      const perWindow = [n, oh, 1, ow, 1, c];
      const dyWindows = tf.reshape(dy as tf.Tensor, perWindow);
      // step(max - x) is 1 below the max and 0 at it; broadcast Equal is ~25x slower on wasm.
      const belowMax = tf.step(tf.sub(tf.reshape(pooled, perWindow), windows));
      const grad = tf.sub(dyWindows, tf.mul(dyWindows, belowMax));
      const dx = tf.reshape(grad, [n, oh * POOL, ow * POOL, c]);
      return used === input
        ? dx
        : tf.pad(dx, [
            [0, 0],
            [0, h - oh * POOL],
            [0, w - ow * POOL],
            [0, 0],
          ]);
    },
  };
}) as (x: tf.Tensor4D) => tf.Tensor4D;
