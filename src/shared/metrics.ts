/** The metrics a run reports, one registry for the engine (which computes) and the charts (which draw). */

export interface MetricInfo {
  /** Short name for legends and axis labels. */
  label: string;
  /** What it measures and how, for help text. */
  description: string;
  /** Axis domain hint: probabilities live in [0, 1]. */
  kind: 'probability' | 'loss';
  /** Measured on each step's small batch, hence noisy: charts apply the smoothing slider. */
  noisy: boolean;
}

export const METRICS = {
  trainLoss: {
    label: 'Train loss',
    description:
      'Softmax cross-entropy on the training batch of this step, before the update (nats per example).',
    kind: 'loss',
    noisy: true,
  },
  trainAccuracy: {
    label: 'Train accuracy',
    description: 'Fraction of the training batch classified correctly, before the update.',
    kind: 'probability',
    noisy: true,
  },
  testAccuracy: {
    label: 'Test accuracy',
    description:
      'Fraction of held-out test digits classified correctly, BN using its running averages.',
    kind: 'probability',
    noisy: false,
  },
  deadConv1: {
    label: 'Dead ReLUs, conv 1',
    description:
      'Fraction of conv-1 channels whose ReLU outputs zero for every example and position of the batch.',
    kind: 'probability',
    noisy: true,
  },
  deadConv2: {
    label: 'Dead ReLUs, conv 2',
    description:
      'Fraction of conv-2 channels whose ReLU outputs zero for every example and position of the batch.',
    kind: 'probability',
    noisy: true,
  },
} as const satisfies Record<string, MetricInfo>;

export type MetricId = keyof typeof METRICS;

export const METRIC_IDS = Object.keys(METRICS) as MetricId[];
