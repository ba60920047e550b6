/** The JSON that `bnlab measure` prints: one state's measurements, by layer and by eta. */
import { MEASURED_ACTIVATION_LAYER } from '../engine/train/measureCheckpoint';
import type { StepResult } from '../engine/train/stepTrainer';
import type { RunConfig } from '../shared/runConfig';

/** Names of the dead-ReLU fractions, by conv block. */
const DEAD_NAMES = ['conv1', 'conv2', 'conv3', 'conv4'];

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** Keyed by layer name without spaces ("conv 1" -> conv1), easier to address than a list. */
const byLayer = <T extends { layer: string }>(rows: readonly T[]) =>
  Object.fromEntries(rows.map(({ layer, ...rest }) => [layer.replace(/\s+/g, ''), rest]));

export function measureReport(
  file: string,
  step: number,
  batch: readonly number[] | null,
  config: RunConfig,
  result: StepResult,
) {
  const details = result.details;
  const { etaMin, etaMax, etaCount } = config.measure;
  return {
    checkpoint: file,
    task: config.task,
    /** The state measured: steps finished when the checkpoint was taken. */
    step,
    batch: batch ?? 'next',
    loss: result.loss,
    accuracy: result.accuracy ?? null,
    dead: Object.fromEntries(result.dead.map((d, i) => [DEAD_NAMES[i] ?? `conv${i + 1}`, d])),
    gradientNorms: byLayer(details?.gradNorms ?? []),
    moments: byLayer(
      (details?.moments ?? []).map((m) => ({
        ...m,
        channelMean: mean(m.mean),
        channelVariance: mean(m.variance),
      })),
    ),
    ics: byLayer(details?.ics ?? []),
    landscape: {
      /** Step sizes: etaMin to etaMax times the learning rate, evenly spaced. */
      grid: {
        from: etaMin * config.learningRate,
        to: etaMax * config.learningRate,
        count: etaCount,
      },
      probes: details?.landscape ?? [],
    },
    activationLandscape: details?.activationLandscape.length
      ? { layer: MEASURED_ACTIVATION_LAYER, probes: details.activationLandscape }
      : null,
    /** Every metric as the app charts it (summaries over eta, layers 1-2 and the last). */
    metrics: result.measured ?? {},
  };
}
