/** The registry of optimizers a run can use, built on tfjs's implementations. */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerConfig, OptimizerName } from '../../shared/runConfig';

type OptimizerFactory = (learningRate: number, config: OptimizerConfig) => tf.Optimizer;

export const OPTIMIZER_REGISTRY: Record<OptimizerName, OptimizerFactory> = {
  /** Plain stochastic gradient descent: W <- W - lr * g. */
  sgd: (lr) => tf.train.sgd(lr),
  /** Heavy-ball momentum: v <- m v + g; W <- W - lr * v. */
  momentum: (lr, c) => tf.train.momentum(lr, c.momentum),
  /** Adam (Kingma & Ba 2015) with bias correction. */
  adam: (lr, c) => tf.train.adam(lr, c.beta1, c.beta2),
};
