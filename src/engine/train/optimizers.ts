/** The registry of optimizers a run can use, built on tfjs's implementations. */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerConfig, OptimizerName } from '../../shared/runConfig';

/** A tfjs optimizer whose learning rate a schedule may change between steps. */
export interface ScheduledOptimizer {
  readonly optimizer: tf.Optimizer;
  setLearningRate(learningRate: number): void;
}

/** tfjs's Adam keeps its rate in a protected field without a setter; this adds one. */
class AdamWithSchedule extends tf.AdamOptimizer {
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }
}

type OptimizerFactory = (learningRate: number, config: OptimizerConfig) => ScheduledOptimizer;

/** Wraps an optimizer that already has `setLearningRate` (SGD and momentum). */
function scheduled(optimizer: tf.SGDOptimizer | AdamWithSchedule): ScheduledOptimizer {
  let current = NaN;
  return {
    optimizer,
    setLearningRate(learningRate) {
      // SGD's setter allocates a scalar: only call it when the rate really changes.
      if (learningRate === current) return;
      current = learningRate;
      optimizer.setLearningRate(learningRate);
    },
  };
}

export const OPTIMIZER_REGISTRY: Record<OptimizerName, OptimizerFactory> = {
  /** Plain stochastic gradient descent: W <- W - lr * g. */
  sgd: (lr) => scheduled(tf.train.sgd(lr)),
  /** Heavy-ball momentum: v <- m v + g; W <- W - lr * v. */
  momentum: (lr, c) => scheduled(tf.train.momentum(lr, c.momentum)),
  /** Adam (Kingma & Ba 2015) with bias correction. */
  adam: (lr, c) => scheduled(new AdamWithSchedule(lr, c.beta1, c.beta2)),
};
