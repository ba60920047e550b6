/**
 * 2x2 max pooling with stride 2 ('valid': odd last rows and columns are dropped), with its own
 * gradient: on wasm and cpu one loop (`kernels/maxPool2x2Grad.ts`), elsewhere whole-tensor ops.
 * tfjs-wasm's stock MaxPoolGrad is a slow scalar loop and takes the last maximum. As in tfjs-cpu's
 * stock MaxPoolGrad (and other frameworks), each window's gradient goes to one position: its first
 * maximum in row-major order. Ties are common on MNIST, at positive values too: blank background
 * gives identical conv patches, so whole windows are equal after ReLU (and after BN); sending the
 * gradient to every tie would multiply it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasArrayKernel, runArrayKernel } from '../kernels/arrayKernels';
import { maxPool2x2Grad } from '../kernels/maxPool2x2Grad';

/** The pooling window and stride, pixels. */
export const POOL = 2;

/**
 * Each window position's rank in row-major order, first = highest: [[4, 3], [2, 1]]. The largest
 * rank among a window's maxima picks its first maximum.
 */
const FIRST_WINS = [4, 3, 2, 1];
/** Full-size rank tensors a pool keeps at most (one per activation shape it sees: a handful). */
const MAX_KEPT_RANKS = 8;

/**
 * How the gradient is computed: 'auto' by the loop where the backend has it, else by ops; 'ops'
 * always by ops (tests compare the two).
 */
export type MaxPoolGradPath = 'auto' | 'ops';

/** 2x2 max pooling with its gradient, and the tensors it keeps for that gradient. */
export interface MaxPool2x2 {
  (x: tf.Tensor4D): tf.Tensor4D;
  /** Free the kept tensors. */
  dispose(): void;
}

/**
 * A 2x2 max pool whose gradient keeps FIRST_WINS tiled over each windows shape it sees (written
 * once: a product with an equal-shape tensor is ~2x faster on wasm than one that broadcasts). The
 * network that builds it disposes it.
 */
export function createMaxPool2x2(path: MaxPoolGradPath = 'auto'): MaxPool2x2 {
  /** Kept rank tensors by backend and windows shape, oldest first. */
  const kept = new Map<string, tf.Tensor>();
  const rankOfPositions = (shape: number[]): tf.Tensor => {
    const key = `${tf.getBackend()}:${shape.join('x')}`;
    const found = kept.get(key);
    if (found) return found;
    if (kept.size >= MAX_KEPT_RANKS) {
      const [oldestKey, oldest] = kept.entries().next().value ?? [];
      oldest?.dispose();
      if (oldestKey !== undefined) kept.delete(oldestKey);
    }
    const [n = 1, oh = 1, , ow = 1, , c = 1] = shape;
    const rank = tf.keep(
      tf.tidy(() => tf.tile(tf.tensor(FIRST_WINS, [1, 1, POOL, 1, POOL, 1]), [n, oh, 1, ow, 1, c])),
    );
    kept.set(key, rank);
    return rank;
  };
  const pool = maxPoolWithRanks(rankOfPositions, path) as MaxPool2x2;
  pool.dispose = () => {
    for (const rank of kept.values()) rank.dispose();
    kept.clear();
  };
  return pool;
}

/** The pool whose gradient (by ops) takes its rank tensors from `rankOfPositions`. */
const maxPoolWithRanks = (rankOfPositions: (shape: number[]) => tf.Tensor, path: MaxPoolGradPath) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
    const y = tf.maxPool(x, POOL, POOL, 'valid');
    save([x, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [input, pooled] = saved as [tf.Tensor4D, tf.Tensor4D];
        if (path === 'auto' && hasArrayKernel(maxPool2x2Grad.kernelName)) {
          return runArrayKernel(maxPool2x2Grad, [input, dy as tf.Tensor])[0] as tf.Tensor4D;
        }
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
          const rank = rankOfPositions(windows.shape);
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
