/**
 * Takes the paper's measurements on a training step, each at its own cadence: moments and
 * quantiles of pre-normalization activations, ICS, the loss landscape along the gradient, and the
 * loss change between steps; times each one. Measurements run on extra passes in 'probe' mode
 * (batch statistics, running averages untouched; noisy BN reuses the step's noise), so they never
 * change the training trajectory.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MEASURED_LAYERS, QUANTILE_PERCENTS, type MetricId } from '../../shared/metrics';
import type { MeasurerState } from '../../shared/checkpoint';
import type { MeasureConfig } from '../../shared/runConfig';
import { gradientsAt, type LossAt } from '../metrics/gradients';
import { internalCovariateShift, type LayerParams } from '../metrics/ics';
import { etaGrid, landscapeProbes, LANDSCAPE_FIELDS, summarizeProbes } from '../metrics/landscape';
import { momentChanges, perChannelMoments, type ChannelMoments } from '../metrics/moments';
import { QUANTILE_LEVELS, quantiles } from '../metrics/quantiles';
import { globalNorm } from '../metrics/vectorMath';
import { probeRows, type StepDetails } from './stepDetails';

/** Which measurements a step takes. */
export interface MeasurePlan {
  /** Moments at this step (reported as a change when the previous step was measured too). */
  moments: boolean;
  quantiles: boolean;
  ics: boolean;
  landscape: boolean;
}

type LandscapeIds = Record<(typeof LANDSCAPE_FIELDS)[number], MetricId>;

/** Metric ids of the landscape summary, in LANDSCAPE_FIELDS order. */
const LANDSCAPE_METRICS: LandscapeIds = {
  lossMin: 'lossMin',
  lossMax: 'lossMax',
  gradDiffMin: 'gradDiffMin',
  gradDiffMax: 'gradDiffMax',
  beta: 'betaSmoothness',
};

/** The same for the activation-space probes. */
const ACTIVATION_LANDSCAPE_METRICS: LandscapeIds = {
  lossMin: 'actLossMin',
  lossMax: 'actLossMax',
  gradDiffMin: 'actGradDiffMin',
  gradDiffMax: 'actGradDiffMax',
  beta: 'actBeta',
};

/** What a measured step hands over, all at the weights of step t (before the update). */
export interface StepContext {
  step: number;
  /** The loss on this step's batch at given weights ('probe' mode, the step's own noise). */
  lossAt: LossAt;
  /** The same loss as a function of normalized layer `block`'s pre-normalization activation. */
  lossAtActivation: (block: number, value: tf.Tensor) => tf.Scalar;
  /** Pre-normalization activations of the training pass, per normalized layer. */
  preNorm: readonly tf.Tensor[];
  /** The same on a noise-free pass, when the network injects noise; else null. */
  cleanPreNorm: () => tf.Tensor[] | null;
  params: readonly tf.Tensor[];
  grads: readonly tf.Tensor[];
}

type Measured = Partial<Record<MetricId, number>>;

/**
 * In activation space, eta = f x ACTIVATION_STEP_FRACTION x ||h|| / ||g_h|| for f on the grid
 * [etaMin, etaMax]: with the default grid h moves by 0.5% to 4% of its norm.
 */
const ACTIVATION_STEP_FRACTION = 0.01;

/** Is `step` on a cadence of `every` steps (0 = never)? */
const on = (every: number, step: number) => every > 0 && step % every === 0;

export class StepMeasurer {
  /** [mean, variance] per measured layer at the last step whose moments were taken. */
  private lastMoments: {
    step: number;
    noisy: ChannelMoments[];
    clean: ChannelMoments[] | null;
  } | null = null;
  private lastLoss: number | null = null;
  /** What the current step measured layer by layer and eta by eta, when details are kept. */
  private details: StepDetails | null = null;

  /** `keepDetails`: also keep every layer's and every eta's values (see takeDetails). */
  constructor(
    private readonly config: MeasureConfig,
    private readonly layers: readonly LayerParams[],
    private readonly learningRate: number,
    private readonly now: () => number,
    private readonly keepDetails = false,
  ) {}

  /** What it remembers of the step before, for a checkpoint. */
  getState(): MeasurerState {
    const copy = (list: readonly ChannelMoments[]) =>
      list.map((m) => ({ mean: [...m.mean], variance: [...m.variance] }));
    const last = this.lastMoments;
    return {
      lastLoss: this.lastLoss,
      lastMoments: last
        ? { step: last.step, noisy: copy(last.noisy), clean: last.clean && copy(last.clean) }
        : null,
    };
  }

  /** Remember the step before as a checkpoint saved it. */
  setState(state: MeasurerState): void {
    this.lastLoss = state.lastLoss;
    this.lastMoments = state.lastMoments;
  }

  /** The details of the last measured step (null unless kept), handed over once. */
  takeDetails(): StepDetails | null {
    const details = this.details;
    this.details = null;
    return details;
  }

  plan(step: number): MeasurePlan {
    const m = this.config.momentsEvery;
    return {
      moments: on(m, step) || on(m, step + 1),
      quantiles: on(this.config.quantilesEvery, step),
      ics: on(this.config.icsEvery, step),
      landscape: on(this.config.landscapeEvery, step),
    };
  }

  /** Measurements at the weights of step t: moments, quantiles, landscape. */
  async beforeUpdate(plan: MeasurePlan, ctx: StepContext): Promise<Measured> {
    const out: Measured = {};
    if (this.keepDetails) this.details = await this.startDetails(ctx);
    if (plan.moments) Object.assign(out, await this.moments(ctx));
    if (plan.quantiles) Object.assign(out, await this.quantiles(ctx));
    if (plan.landscape) Object.assign(out, await this.landscape(ctx));
    return out;
  }

  /** ICS: needs the parameters before (`ctx.params`, copies) and after the update (`after`). */
  async afterUpdate(
    plan: MeasurePlan,
    ctx: StepContext,
    after: readonly tf.Tensor[],
  ): Promise<Measured> {
    if (!plan.ics) return {};
    const t0 = this.now();
    const packed = tf.tidy(() => {
      const ics = internalCovariateShift(ctx.lossAt, ctx.params, after, ctx.grads, this.layers);
      return tf.stack(ics.flatMap((r) => [r.l2, r.cosine, r.relative]));
    });
    const values = await packed.data();
    packed.dispose();
    // One (l2, cosine, relative) triple per layer after the first, in layer order.
    const shifts = this.layers.slice(1).map((layer, i) => ({
      layer: layer.name,
      l2: values[3 * i] ?? NaN,
      cosine: values[3 * i + 1] ?? NaN,
      relative: values[3 * i + 2] ?? NaN,
    }));
    if (this.details) this.details.ics = shifts;
    const second = shifts[0];
    const last = shifts.at(-1);
    return {
      icsL2Layer2: second?.l2,
      icsCosLayer2: second?.cosine,
      icsRelLayer2: second?.relative,
      icsL2Last: last?.l2,
      icsCosLast: last?.cosine,
      icsRelLast: last?.relative,
      costIcsMs: this.now() - t0,
    };
  }

  /** |L_t - L_(t-1)|, when the landscape is measured at all (every step: it costs nothing). */
  lossChange(loss: number): Measured {
    const previous = this.lastLoss;
    this.lastLoss = loss;
    if (this.config.landscapeEvery === 0 || previous === null) return {};
    return { lossChange: Math.abs(loss - previous) };
  }

  private async moments(ctx: StepContext): Promise<Measured> {
    const t0 = this.now();
    const read = async (tensors: readonly tf.Tensor[]): Promise<ChannelMoments[]> => {
      const layers = this.details ? tensors : tensors.slice(0, MEASURED_LAYERS.length);
      const rows = await Promise.all(
        layers.map(async (t) => {
          const packed = tf.tidy(() => perChannelMoments(t));
          const values = (await packed.array()) as number[][];
          packed.dispose();
          return { mean: values[0] ?? [], variance: values[1] ?? [] };
        }),
      );
      return rows;
    };
    const noisy = await read(ctx.preNorm);
    if (this.details) {
      this.details.moments = noisy.map((m, l) => ({
        layer: this.layers[l]?.name ?? `${l + 1}`,
        ...m,
      }));
    }
    const cleanTensors = ctx.cleanPreNorm();
    const clean = cleanTensors ? await read(cleanTensors) : null;
    cleanTensors?.forEach((t) => t.dispose());
    const previous = this.lastMoments;
    this.lastMoments = { step: ctx.step, noisy, clean };
    if (!previous || previous.step !== ctx.step - 1 || !on(this.config.momentsEvery, ctx.step))
      return {};
    const out: Measured = {};
    MEASURED_LAYERS.forEach((layer, l) => {
      const now = noisy[l];
      const before = previous.noisy[l];
      if (now && before) {
        const change = momentChanges(now, before);
        out[`meanShift${layer}`] = change.meanShift;
        out[`varShift${layer}`] = change.varShift;
        out[`meanShiftRel${layer}`] = change.meanShiftRel;
        out[`varShiftRel${layer}`] = change.varShiftRel;
      }
      const cleanNow = clean?.[l];
      const cleanBefore = previous.clean?.[l];
      if (cleanNow && cleanBefore) {
        const change = momentChanges(cleanNow, cleanBefore);
        out[`meanShiftClean${layer}`] = change.meanShift;
        out[`varShiftClean${layer}`] = change.varShift;
      }
    });
    out.costMomentsMs = this.now() - t0;
    return out;
  }

  private async quantiles(ctx: StepContext): Promise<Measured> {
    const t0 = this.now();
    const out: Measured = {};
    for (const [l, layer] of MEASURED_LAYERS.entries()) {
      const tensor = ctx.preNorm[l];
      if (!tensor) continue;
      const levels = quantiles(await tensor.data(), QUANTILE_LEVELS);
      QUANTILE_PERCENTS.forEach((p, i) => {
        out[`q${p}Layer${layer}`] = levels[i];
      });
    }
    out.costQuantilesMs = this.now() - t0;
    return out;
  }

  private async landscape(ctx: StepContext): Promise<Measured> {
    const t0 = this.now();
    const { etaMin, etaMax, etaCount } = this.config;
    const etas = etaGrid(etaMin * this.learningRate, etaMax * this.learningRate, etaCount);
    const out: Measured = {};
    const weightSpace = await this.probe(ctx.lossAt, ctx.params, ctx.grads, etas);
    LANDSCAPE_FIELDS.forEach((field, i) => {
      out[LANDSCAPE_METRICS[field]] = weightSpace.summary[i];
    });
    if (this.details) this.details.landscape = weightSpace.rows;
    const layer = this.config.activationLayer;
    const h = ctx.preNorm[layer - 1];
    if (layer > 0 && h) {
      const lossOfH: LossAt = ([value]) => ctx.lossAtActivation(layer - 1, value as tf.Tensor);
      const gradH = tf.tidy(() => gradientsAt(lossOfH, [h]).grads[0] as tf.Tensor);
      const norms = tf.tidy(() => tf.stack([tf.norm(h), tf.norm(gradH)]));
      const [hNorm = NaN, gNorm = NaN] = await norms.data();
      norms.dispose();
      // The gradient w.r.t. h is tiny per element (the loss averages over the batch) and h's scale
      // differs between networks: step sizes are set so h moves by a fixed fraction of its norm.
      const unit = (ACTIVATION_STEP_FRACTION * hNorm) / gNorm;
      const actEtas = etaGrid(etaMin * unit, etaMax * unit, etaCount);
      const act = await this.probe(lossOfH, [h], [gradH], actEtas);
      gradH.dispose();
      LANDSCAPE_FIELDS.forEach((field, i) => {
        out[ACTIVATION_LANDSCAPE_METRICS[field]] = act.summary[i];
      });
      if (this.details) this.details.activationLandscape = act.rows;
    }
    out.costLandscapeMs = this.now() - t0;
    return out;
  }

  /** Probes along `-grads` for each eta: the summary (LANDSCAPE_FIELDS order) and every row. */
  private async probe(
    lossAt: LossAt,
    params: readonly tf.Tensor[],
    grads: readonly tf.Tensor[],
    etas: readonly number[],
  ) {
    const probes = tf.tidy(() => landscapeProbes(lossAt, params, grads, etas));
    const summary = tf.tidy(() => summarizeProbes(probes));
    const [values, rowValues] = await Promise.all([summary.data(), probes.data()]);
    summary.dispose();
    probes.dispose();
    return { summary: Array.from(values), rows: probeRows(etas, rowValues) };
  }

  /** Details start with the gradient norm of every layer: its weight, and all its parameters. */
  private async startDetails(ctx: StepContext): Promise<StepDetails> {
    const norms = tf.tidy(() =>
      tf.stack(
        this.layers.flatMap((layer) => [
          globalNorm([ctx.grads[layer.weight] as tf.Tensor]),
          globalNorm(layer.params.map((p) => ctx.grads[p] as tf.Tensor)),
        ]),
      ),
    );
    const values = await norms.data();
    norms.dispose();
    return {
      gradNorms: this.layers.map((layer, i) => ({
        layer: layer.name,
        weight: values[2 * i] ?? NaN,
        all: values[2 * i + 1] ?? NaN,
      })),
      moments: [],
      ics: [],
      landscape: [],
      activationLandscape: [],
    };
  }
}
