import type { DatasetId } from '../shared/datasets';
import type { MetricId } from '../shared/metrics';
import type { RunConfig } from '../shared/runConfig';

/** How a run is drawn: its colour and whether its line is dashed. */
export interface RunStyle {
  color: string;
  dashed: boolean;
}

/** One run an experiment launches. */
export interface PlannedRun {
  /** Stable within the experiment, e.g. "bn-lr0.5". */
  key: string;
  label: string;
  config: RunConfig;
  /** Which comparison panel draws it. */
  panel: string;
  style: RunStyle;
}

/** The settings a user may change before launching an experiment. */
export interface ExperimentSettings {
  /** Training steps per run. */
  steps: number;
  /** Initial BN gamma. */
  gammaInit: number;
  /** BN placement. */
  placement: RunConfig['model']['placement'];
  /** The images the CNN trains on (the deep linear net ignores it). */
  dataset: DatasetId;
  /** Seed of initialization and batch order. */
  seed: number;
  /** Test accuracy every this many steps. */
  evalEvery: number;
  /** SGD learning rates, one comparison panel each, in panel order (1 to MAX_LEARNING_RATES). */
  learningRates: number[];
}

/** Settings for one experiment as a link gives them: only some, the others its defaults. */
export interface ExperimentSetup {
  /** The experiment they are for (an article section may embed more than one). */
  experiment: string;
  settings: Partial<ExperimentSettings>;
}

/** The most learning rates (comparison panels) one launch of an experiment may have. */
export const MAX_LEARNING_RATES = 4;

/** A comparison panel: its id (what planned runs name in `panel`) and title. */
interface PanelSpec {
  id: string;
  title: string;
}

export interface Experiment {
  id: string;
  title: string;
  /** One paragraph: what the experiment shows and how long it takes. */
  summary: string;
  /** Comparison panels the settings give, in display order (one per learning rate). */
  panels(settings: ExperimentSettings): PanelSpec[];
  /** Metrics each panel draws, in order. */
  metrics: MetricId[];
  /** Metrics drawn on a log y axis: their values span decades, and a linear axis flattens them. */
  logMetrics?: MetricId[];
  /** Help under the form's fields where the default text does not fit this experiment. */
  settingsHelp?: Partial<Record<keyof ExperimentSettings, string>>;
  /** Settings the experiment ignores, hidden from its form. */
  hiddenSettings?: (keyof ExperimentSettings)[];
  /** Draw this normalized layer's activation distributions (quantile bands) per run. */
  distributionLayer?: 1 | 2;
  /**
   * Draw one sweep figure (final test accuracy against learning rate, a line per normalization)
   * instead of a comparison panel per learning rate.
   */
  sweepFigure?: boolean;
  /** Most learning rates its form takes (default MAX_LEARNING_RATES). */
  maxLearningRates?: number;
  defaults: ExperimentSettings;
  plan(settings: ExperimentSettings): PlannedRun[];
}
