/**
 * One optimizer step that also measures, shared by every trainer: the gradient of the training
 * pass, the measurements before the update, the update, then those that need the updated weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MetricId } from '../../shared/metrics';
import type { LossAt } from '../metrics/gradients';
import type { MeasurePlan, StepContext, StepMeasurer } from './stepMeasurer';

/** What the training pass yields inside the gradient tape. */
interface TrainingPass {
  loss: tf.Scalar;
  /** Extra per-step values read back with the loss (accuracy, dead fractions), or none. */
  side: tf.Tensor[];
  /** Pre-normalization activations per normalized layer. */
  preNorm: tf.Tensor[];
}

export interface MeasuredStepArgs {
  step: number;
  plan: MeasurePlan;
  measurer: StepMeasurer;
  trainable: tf.Variable[];
  optimizer: tf.Optimizer;
  /** The training pass (mode 'train'), run under the gradient tape. */
  train: () => TrainingPass;
  lossAt: LossAt;
  lossAtActivation: StepContext['lossAtActivation'];
  /** Pre-normalization activations of a noise-free pass, or null when there is no noise. */
  cleanPreNorm: () => tf.Tensor[] | null;
}

/** Runs the step; resolves to [loss, ...side values] and the measurements. */
export async function measuredStep(
  args: MeasuredStepArgs,
): Promise<{ values: number[]; measured: Partial<Record<MetricId, number>> }> {
  const { plan, measurer, trainable } = args;
  let side: tf.Tensor[] = [];
  let preNorm: tf.Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const pass = args.train();
    // Kept past variableGrads' own tidy; disposed below.
    side = pass.side.map((t) => tf.keep(t));
    preNorm = pass.preNorm.map((t) => tf.keep(t));
    return pass.loss;
  }, trainable);
  const gradList = trainable.map((v) => grads[v.name] as tf.Tensor);
  // ICS needs the parameters of step t after the update: copy them.
  const params: tf.Tensor[] = plan.ics ? trainable.map((v) => tf.clone(v)) : trainable;
  const context: StepContext = {
    step: args.step,
    lossAt: args.lossAt,
    lossAtActivation: args.lossAtActivation,
    preNorm,
    cleanPreNorm: args.cleanPreNorm,
    params,
    grads: gradList,
  };
  try {
    const before = await measurer.beforeUpdate(plan, context);
    args.optimizer.applyGradients(grads);
    const after = await measurer.afterUpdate(plan, context, trainable);
    const packed = tf.tidy(() =>
      tf.concat([tf.reshape(value, [1]), ...side.map((t) => tf.reshape(t, [-1]))]),
    );
    const values = Array.from(await packed.data());
    packed.dispose();
    return { values, measured: { ...before, ...after } };
  } finally {
    for (const t of [value, ...gradList, ...preNorm, ...side, ...(plan.ics ? params : [])])
      t.dispose();
  }
}
