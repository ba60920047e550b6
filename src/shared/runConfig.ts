/**
 * A run's whole configuration: everything needed to rerun the same curve (the seed included).
 * Shared by the page (editor, store) and the engine; validated with zod wherever it enters.
 */
import { DEFAULT_DATASET, isDatasetId, SHIPPED_IMAGE_COUNT, type DatasetId } from './datasets';
import { z } from './zod';

/**
 * Normalization after each convolution: none, batch norm, batch norm with injected noise (paper
 * sec. 2), or the lp normalizations of paper sec. 4 (p = 1, 2, infinity).
 */
export const NORMALIZATIONS = ['none', 'batchnorm', 'noisy-batchnorm', 'l1', 'l2', 'linf'] as const;
export type NormalizationName = (typeof NORMALIZATIONS)[number];

/**
 * BN placement: 'before-relu' = conv -> norm -> ReLU -> pool (the paper's and the blog's text);
 * 'blog-layout' = conv -> ReLU -> pool -> norm (what the blog's code did).
 */
export const PLACEMENTS = ['before-relu', 'blog-layout'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** 'paper': random mean and scale per layer and step; 'blog': constant additive Gaussian noise. */
export const NOISE_SCHEDULES = ['paper', 'blog'] as const;

/** What is trained: the CNN on the run's image set, or the paper's deep linear network on Gaussian data. */
export const TASKS = ['mnist-cnn', 'deep-linear'] as const;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Hard limits a run may not exceed; the messages below name them. */
export const LIMITS = {
  maxSteps: 100_000,
  maxBatchSize: 1024,
  maxLearningRate: 10,
  maxFilters: 256,
  /** Conv blocks: at least 2 (the per-layer measurements read layers 1 and 2), at most 4 (28 -> 1 px). */
  minConvLayers: 2,
  maxConvLayers: 4,
} as const;

/** Numbers as messages show them: 100000 -> "100,000". */
const show = (n: number) => n.toLocaleString('en');
/** A finite number in [min, max], with messages a user can act on. */
const between = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .min(min, `must be at least ${show(min)}`)
    .max(max, `must be at most ${show(max)}`);
/** A finite number in (min, max]. */
const above = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .gt(min, `must be greater than ${show(min)}`)
    .max(max, `must be at most ${show(max)}`);
/** A finite number in [min, max). */
const below = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .min(min, `must be at least ${show(min)}`)
    .lt(max, `must be less than ${show(max)}`);
/** A whole number in [min, max]. */
const wholeBetween = (min: number, max: number) => between(min, max).int('must be a whole number');

/**
 * Noise injected right after each BN layer of noisy BN, a <- s * a + m (training passes only).
 * Paper schedule: per layer and step mu_t ~ U(-meanRange, meanRange), sigma_t ~ U(scaleLow,
 * scaleHigh); per element m ~ U(mu_t - meanJitter, mu_t + meanJitter), s ~ N(sigma_t, scaleStd).
 * Blog schedule: s = 1, m ~ N(blogMeans[l], blogStds[l]) for layer l.
 */
const noiseConfigSchema = z.object({
  schedule: z.enum(NOISE_SCHEDULES),
  meanRange: between(0, 10),
  scaleLow: between(0, 10),
  scaleHigh: between(0, 10),
  meanJitter: between(0, 10),
  scaleStd: between(0, 10),
  /** Blog schedule: mean of the additive noise after BN 1 and BN 2. */
  blogMeans: z.array(between(-10, 10)).length(2),
  /** Blog schedule: standard deviation of the additive noise after BN 1 and BN 2. */
  blogStds: z.array(between(0, 10)).length(2),
});

const modelConfigSchema = z.object({
  /** Filters of each conv block, first to last; each block halves the image side by pooling. */
  convFilters: z
    .array(wholeBetween(1, LIMITS.maxFilters))
    .min(LIMITS.minConvLayers, `needs at least ${LIMITS.minConvLayers} conv layers`)
    .max(LIMITS.maxConvLayers, `allows at most ${LIMITS.maxConvLayers} conv layers`),
  /** Side of the square convolution kernels, pixels. */
  kernelSize: wholeBetween(1, 9),
  /** Normalization layer after each convolution. */
  normalization: z.enum(NORMALIZATIONS),
  /** Where the normalization sits relative to ReLU and pooling. */
  placement: z.enum(PLACEMENTS),
  /** Initial BN scale gamma; 0.1 keeps high learning rates stable on this net (measured). */
  gammaInit: between(0, 10),
  /** Weight of the newest batch in BN's running mean/variance (PyTorch convention), 0..1. */
  runningMomentum: above(0, 1),
  /** Added to the variance (or the lp norm) before dividing, in every normalization. */
  epsilon: above(0, 1),
  noise: noiseConfigSchema,
});

/** The paper's deep linear network: loss ||W_k ... W_1 x - A x||^2 on seeded Gaussian x and A. */
const deepLinearConfigSchema = z.object({
  /** Layers k. */
  depth: wholeBetween(1, 100),
  /** Width of every layer (input and output dimension too). */
  width: wholeBetween(1, 256),
  /** Fixed Gaussian data points (training set). */
  samples: wholeBetween(1, 100_000),
  /** Seed of A and of the data points. */
  dataSeed: wholeBetween(0, 2 ** 31 - 1),
});

/**
 * Measurement cadences, in steps (0 = off), and the landscape's step-size grid: eta from
 * etaMin x LR to etaMax x LR in etaCount points.
 */
const measureConfigSchema = z.object({
  /** Moments (mean, variance) of pre-normalization activations per layer. */
  momentsEvery: wholeBetween(0, LIMITS.maxSteps),
  /** Quantiles of pre-normalization activations per layer. */
  quantilesEvery: wholeBetween(0, LIMITS.maxSteps),
  /** Internal covariate shift (paper Definition 2.1) per layer. */
  icsEvery: wholeBetween(0, LIMITS.maxSteps),
  /** Loss landscape along the gradient: loss variation, gradient predictiveness, beta-smoothness. */
  landscapeEvery: wholeBetween(0, LIMITS.maxSteps),
  etaMin: above(0, 100),
  etaMax: above(0, 100),
  etaCount: wholeBetween(2, 32),
  /**
   * Also probe the landscape in activation space at this normalized layer (1 or 2; 0 = off): the
   * loss as a function of the layer's pre-normalization activation h, moved along its gradient.
   */
  activationLayer: wholeBetween(0, 2),
});

const optimizerConfigSchema = z.object({
  name: z.enum(OPTIMIZERS),
  /** Momentum coefficient (SGD with momentum only). */
  momentum: below(0, 1),
  /** Adam's first-moment decay. */
  beta1: below(0, 1),
  /** Adam's second-moment decay. */
  beta2: below(0, 1),
});

/**
 * How the learning rate changes over a run: 'constant'; 'step' multiplies it by stepFactor every
 * stepEvery steps; 'cosine' decays it from the base rate to minFactor x base along a half cosine.
 */
export const LR_SCHEDULES = ['constant', 'step', 'cosine'] as const;
export type LrScheduleName = (typeof LR_SCHEDULES)[number];

const lrScheduleConfigSchema = z.object({
  name: z.enum(LR_SCHEDULES),
  /** Step schedule: steps between decays. */
  stepEvery: wholeBetween(1, LIMITS.maxSteps),
  /** Step schedule: factor applied at each decay. */
  stepFactor: above(0, 1),
  /** Cosine schedule: the final rate as a fraction of the base rate. */
  minFactor: between(0, 1),
});

const dataConfigSchema = z.object({
  /** Images used for training, drawn from the dataset's 10,000. */
  trainSize: wholeBetween(1, SHIPPED_IMAGE_COUNT),
  /** Images held out for testing. */
  testSize: wholeBetween(1, SHIPPED_IMAGE_COUNT),
  /** Seed of the train/test split (kept apart from the run seed, so runs share one split). */
  splitSeed: wholeBetween(0, 2 ** 31 - 1),
});

export const runConfigSchema = z
  .object({
    task: z.enum(TASKS),
    /** The images the CNN trains on; configs written before there was a choice mean MNIST. */
    dataset: z
      .custom<DatasetId>(isDatasetId, { error: 'is not a dataset of this app' })
      .default(DEFAULT_DATASET),
    model: modelConfigSchema,
    deepLinear: deepLinearConfigSchema,
    measure: measureConfigSchema,
    optimizer: optimizerConfigSchema,
    /** Step size of the optimizer (the base rate, at step 1). */
    learningRate: above(0, LIMITS.maxLearningRate),
    lrSchedule: lrScheduleConfigSchema,
    /** Examples per training step. */
    batchSize: wholeBetween(1, LIMITS.maxBatchSize),
    /** Training steps (one batch each). */
    steps: wholeBetween(1, LIMITS.maxSteps),
    /** Seed of initialization and batch order. */
    seed: wholeBetween(0, 2 ** 31 - 1),
    data: dataConfigSchema,
    /** Evaluate test accuracy every this many steps. */
    evalEvery: wholeBetween(1, LIMITS.maxSteps),
    /** Test images used per evaluation (the first ones of the test split). */
    evalSize: wholeBetween(1, SHIPPED_IMAGE_COUNT),
  })
  .refine((c) => c.data.trainSize + c.data.testSize <= SHIPPED_IMAGE_COUNT, {
    message: 'train + test images exceed the 10,000 images of the dataset',
    path: ['data', 'trainSize'],
  })
  .refine((c) => c.batchSize <= c.data.trainSize, {
    message: 'batch size exceeds the training images',
    path: ['batchSize'],
  })
  .refine((c) => c.evalSize <= c.data.testSize, {
    message: 'evaluation size exceeds the test images',
    path: ['evalSize'],
  })
  .refine((c) => c.measure.etaMin < c.measure.etaMax, {
    message: 'the smallest step-size factor must be below the largest',
    path: ['measure', 'etaMin'],
  })
  .refine(
    (c) =>
      c.task !== 'deep-linear' ||
      c.model.normalization === 'none' ||
      c.model.normalization === 'batchnorm',
    {
      message: 'the deep linear network takes no normalization or batch norm',
      path: ['model', 'normalization'],
    },
  )
  .refine((c) => c.model.noise.scaleLow <= c.model.noise.scaleHigh, {
    message: 'the noise scale range is empty',
    path: ['model', 'noise', 'scaleLow'],
  });

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type OptimizerConfig = z.infer<typeof optimizerConfigSchema>;
export type LrScheduleConfig = z.infer<typeof lrScheduleConfigSchema>;
export type RunConfig = z.infer<typeof runConfigSchema>;
export type NoiseConfig = z.infer<typeof noiseConfigSchema>;
export type DeepLinearConfig = z.infer<typeof deepLinearConfigSchema>;
export type MeasureConfig = z.infer<typeof measureConfigSchema>;

/** The blog's network and settings, with BN's gamma starting at 0.1. */
export const DEFAULT_RUN_CONFIG: RunConfig = {
  task: 'mnist-cnn',
  dataset: DEFAULT_DATASET,
  model: {
    convFilters: [8, 16],
    kernelSize: 5,
    normalization: 'none',
    placement: 'before-relu',
    gammaInit: 0.1,
    runningMomentum: 0.1,
    epsilon: 1e-5,
    noise: {
      schedule: 'paper',
      meanRange: 0.5,
      scaleLow: 1,
      scaleHigh: 1.25,
      meanJitter: 0.1,
      scaleStd: 0.1,
      blogMeans: [0.15, 0.1],
      blogStds: [0.3, 0.5],
    },
  },
  deepLinear: { depth: 10, width: 10, samples: 1000, dataSeed: 0 },
  measure: {
    momentsEvery: 0,
    quantilesEvery: 0,
    icsEvery: 0,
    landscapeEvery: 0,
    etaMin: 0.5,
    etaMax: 4,
    etaCount: 8,
    activationLayer: 0,
  },
  optimizer: { name: 'sgd', momentum: 0.9, beta1: 0.9, beta2: 0.999 },
  learningRate: 0.1,
  lrSchedule: { name: 'constant', stepEvery: 100, stepFactor: 0.5, minFactor: 0 },
  batchSize: 20,
  steps: 500,
  seed: 1,
  data: { trainSize: 8000, testSize: 2000, splitSeed: 0 },
  evalEvery: 20,
  evalSize: 500,
};

/** Validation result with one message per invalid field path (e.g. "steps"). */
export type ConfigCheck =
  { ok: true; config: RunConfig } | { ok: false; errors: { path: string; message: string }[] };

/** Validate an untrusted configuration. */
export function checkRunConfig(value: unknown): ConfigCheck {
  const parsed = runConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    })),
  };
}
