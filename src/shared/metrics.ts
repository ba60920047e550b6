/** The metrics a run reports, one registry for the engine (which computes) and the charts (which draw). */

export interface MetricInfo {
  /** Short name for legends and axis labels. */
  label: string;
  /** What it measures and how, for help text. */
  description: string;
  /** Axis domain hint: probabilities live in [0, 1]. */
  kind: 'probability' | 'loss' | 'measure' | 'cost';
  /** Measured on each step's small batch, hence noisy: charts apply the smoothing slider. */
  noisy: boolean;
  /** Larger values are better (accuracies); otherwise smaller ones are (losses, dead units). */
  higherIsBetter?: boolean;
}

const BASE_METRICS = {
  trainLoss: {
    label: 'Train loss',
    description:
      'Loss on this step’s training batch, before the update: softmax cross-entropy for the CNN (nats per example), mean squared error for the deep linear net.',
    kind: 'loss',
    noisy: true,
  },
  trainAccuracy: {
    label: 'Train accuracy',
    description: 'Fraction of the training batch classified correctly, before the update.',
    kind: 'probability',
    noisy: true,
    higherIsBetter: true,
  },
  testAccuracy: {
    label: 'Test accuracy',
    description:
      'Fraction of held-out test images classified correctly, BN using its running averages.',
    kind: 'probability',
    noisy: false,
    higherIsBetter: true,
  },
  learningRate: {
    label: 'Learning rate',
    description: 'The step size the schedule gave this step (recorded when it is not constant).',
    kind: 'measure',
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

/** Normalized layers measured: the first two (conv 1 and conv 2 of the CNN). */
export const MEASURED_LAYERS = [1, 2] as const;
type LayerNo = (typeof MEASURED_LAYERS)[number];
/** Quantile levels in percent, as they appear in metric ids. */
export const QUANTILE_PERCENTS = ['05', '25', '50', '75', '95'] as const;
type Percent = (typeof QUANTILE_PERCENTS)[number];

type MomentId =
  | `meanShift${LayerNo}`
  | `varShift${LayerNo}`
  | `meanShiftRel${LayerNo}`
  | `varShiftRel${LayerNo}`
  | `meanShiftClean${LayerNo}`
  | `varShiftClean${LayerNo}`;
type QuantileId = `q${Percent}Layer${LayerNo}`;
/** ICS of layer 2 (conv 2) and of the last layer (the dense layer of the CNN). */
type IcsId = `ics${'L2' | 'Cos' | 'Rel'}${'Layer2' | 'Last'}`;
type LandscapeId = 'lossMin' | 'lossMax' | 'gradDiffMin' | 'gradDiffMax' | 'betaSmoothness';
/** The same probes in activation space (gradient w.r.t. one layer's pre-normalization activation). */
type ActivationLandscapeId =
  'actLossMin' | 'actLossMax' | 'actGradDiffMin' | 'actGradDiffMax' | 'actBeta';
type OtherId = 'lossChange' | 'costMomentsMs' | 'costQuantilesMs' | 'costIcsMs' | 'costLandscapeMs';

export type MetricId =
  | keyof typeof BASE_METRICS
  | MomentId
  | QuantileId
  | IcsId
  | LandscapeId
  | ActivationLandscapeId
  | OtherId;

const measure = (label: string, description: string): MetricInfo => ({
  label,
  description,
  kind: 'measure',
  noisy: false,
});

function layerMetrics(): Record<MomentId | QuantileId, MetricInfo> {
  const out: Partial<Record<MomentId | QuantileId, MetricInfo>> = {};
  for (const l of MEASURED_LAYERS) {
    const pre = `the pre-normalization activations of layer ${l}`;
    out[`meanShift${l}`] = measure(
      `Mean change, layer ${l}`,
      `|m_t - m_(t-1)|: m = mean of ${pre} per channel over batch and positions, averaged over channels.`,
    );
    out[`varShift${l}`] = measure(
      `Variance change, layer ${l}`,
      `|v_t - v_(t-1)|: v = variance of ${pre} per channel over batch and positions, averaged over channels.`,
    );
    out[`meanShiftRel${l}`] = measure(
      `Relative mean change, layer ${l}`,
      `Channel average of |m_c,t - m_c,(t-1)| / sd_c,(t-1) for ${pre}: scale-free, comparable across networks.`,
    );
    out[`varShiftRel${l}`] = measure(
      `Relative variance change, layer ${l}`,
      `Channel average of |v_c,t - v_c,(t-1)| / v_c,(t-1) for ${pre}: scale-free, comparable across networks.`,
    );
    out[`meanShiftClean${l}`] = measure(
      `Mean change without noise, layer ${l}`,
      `As "Mean change", measured on a noise-free pass of the same weights and batch (noisy BN only; ` +
        `equal to the noisy value for layer 1, whose inputs no noise reaches).`,
    );
    out[`varShiftClean${l}`] = measure(
      `Variance change without noise, layer ${l}`,
      `As "Variance change", measured on a noise-free pass of the same weights and batch (noisy BN only).`,
    );
    for (const p of QUANTILE_PERCENTS) {
      out[`q${p}Layer${l}`] = measure(
        `${Number(p)}% quantile, layer ${l}`,
        `The ${Number(p)}th percentile of ${pre} over the batch (all channels and positions).`,
      );
    }
  }
  return out as Record<MomentId | QuantileId, MetricInfo>;
}

const ICS_DEFINITION =
  "G = gradient of the loss w.r.t. the layer's weights; G' = the same after the layers before it " +
  "took this step's update, same batch (paper, Definition 2.1).";

const ACTIVATION_DEFINITION =
  "h = the chosen layer's pre-normalization activation, g_h = grad of the loss w.r.t. h; " +
  'measured at h - eta g_h with eta set so h moves by 0.5%-4% of its norm, the rest of the network fixed.';

const MEASURE_METRICS: Record<IcsId | LandscapeId | ActivationLandscapeId | OtherId, MetricInfo> = {
  actLossMin: measure(
    'Loss along activation gradient, min',
    `min over eta of L(h - eta g_h); ${ACTIVATION_DEFINITION}`,
  ),
  actLossMax: measure(
    'Loss along activation gradient, max',
    `max over eta of L(h - eta g_h); ${ACTIVATION_DEFINITION}`,
  ),
  actGradDiffMin: measure(
    'Activation-gradient change, min',
    `min over eta of ||g_h - g_h(h - eta g_h)||; ${ACTIVATION_DEFINITION}`,
  ),
  actGradDiffMax: measure(
    'Activation-gradient change, max',
    `max over eta of ||g_h - g_h(h - eta g_h)||; ${ACTIVATION_DEFINITION}`,
  ),
  actBeta: measure(
    'Effective beta-smoothness in activation space',
    `max over eta of ||g_h - g_h(h - eta g_h)|| / ||eta g_h||; ${ACTIVATION_DEFINITION}`,
  ),
  icsL2Layer2: measure("ICS ||G - G'||, layer 2", ICS_DEFINITION),
  icsCosLayer2: measure("ICS cos(G, G'), layer 2", ICS_DEFINITION),
  icsL2Last: measure("ICS ||G - G'||, last layer", ICS_DEFINITION),
  icsRelLayer2: measure("ICS ||G - G'|| / ||G||, layer 2", ICS_DEFINITION),
  icsRelLast: measure("ICS ||G - G'|| / ||G||, last layer", ICS_DEFINITION),
  icsCosLast: measure("ICS cos(G, G'), last layer", ICS_DEFINITION),
  lossMin: measure(
    'Loss along gradient, min',
    'min over eta of L(W - eta g) on the step batch, eta in the grid (paper fig. 4, loss variation).',
  ),
  lossMax: measure(
    'Loss along gradient, max',
    'max over eta of L(W - eta g) on the step batch, eta in the grid (paper fig. 4, loss variation).',
  ),
  gradDiffMin: measure(
    'Gradient change, min',
    'min over eta of ||g(W) - g(W - eta g)||_2 (gradient predictiveness: small means predictive).',
  ),
  gradDiffMax: measure(
    'Gradient change, max',
    'max over eta of ||g(W) - g(W - eta g)||_2 (gradient predictiveness: small means predictive).',
  ),
  betaSmoothness: measure(
    'Effective beta-smoothness',
    'max over eta of ||g(W) - g(W - eta g)||_2 / ||eta g||_2: how fast the gradient turns along it.',
  ),
  lossChange: measure(
    'Loss change between steps',
    "|L_t - L_(t-1)| of successive steps' training losses (on different batches): the blog's measure.",
  ),
  costMomentsMs: {
    ...measure('Cost of moments', 'Extra milliseconds the moments took at this step.'),
    kind: 'cost',
  },
  costQuantilesMs: {
    ...measure('Cost of quantiles', 'Extra milliseconds the quantiles took at this step.'),
    kind: 'cost',
  },
  costIcsMs: {
    ...measure('Cost of ICS', 'Extra milliseconds the ICS measurement took at this step.'),
    kind: 'cost',
  },
  costLandscapeMs: {
    ...measure('Cost of landscape', 'Extra milliseconds the landscape probes took at this step.'),
    kind: 'cost',
  },
};

export const METRICS: Record<MetricId, MetricInfo> = {
  ...BASE_METRICS,
  ...layerMetrics(),
  ...MEASURE_METRICS,
};

export const METRIC_IDS = Object.keys(METRICS) as MetricId[];
