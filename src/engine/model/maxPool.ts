/**
 * 2x2 max pooling with stride 2 ('valid': odd last rows and columns are dropped), with a gradient
 * built from whole-tensor ops: tfjs-wasm's MaxPoolGrad is a scalar loop (12 ms of a 60 ms step at
 * batch 64), the ops below cost a few. As in tfjs's stock MaxPoolGrad (and other frameworks), each
 * window's gradient goes to one position: its first maximum in row-major order. Ties are common on
 * MNIST, at positive values too: blank background gives identical conv patches, so whole windows are
 * equal after ReLU (and after BN); sending the gradient to every tie would multiply it.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The pooling window and stride, pixels. */
export const POOL = 2;

/**
 * Each window position's rank in row-major order, first = highest: [[4, 3], [2, 1]], shaped to
 * broadcast over [n, oh, POOL, ow, POOL, c] windows. The largest rank among a window's maxima
 * picks its first maximum.
 */
const FIRST_WINS = [4, 3, 2, 1];

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
      const dx = tf.tidy(() => {
        // step(max - x) is 1 below the max and 0 at it; broadcast Equal is ~25x slower on wasm.
        const belowMax = tf.step(tf.sub(tf.reshape(pooled, perWindow), windows));
        // A maximum's rank, 0 elsewhere; the window's largest rank marks its first maximum.
        const rank = tf.tensor(FIRST_WINS, [1, 1, POOL, 1, POOL, 1]);
        const ranked = tf.sub(rank, tf.mul(rank, belowMax));
        const firstRank = tf.maxPool(
          tf.reshape(ranked, [n, oh * POOL, ow * POOL, c]) as tf.Tensor4D,
          POOL,
          POOL,
          'valid',
        );
        // Ranks are whole numbers: the first maximum is the only position above its rank - 0.5.
        const first = tf.step(tf.sub(ranked, tf.reshape(tf.sub(firstRank, 0.5), perWindow)));
        const grad = tf.mul(tf.reshape(dy as tf.Tensor, perWindow), first);
        return tf.reshape(grad, [n, oh * POOL, ow * POOL, c]) as tf.Tensor4D;
      });
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
