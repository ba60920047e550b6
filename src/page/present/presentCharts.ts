/**
 * What one slide of presentation mode shows: one chart row of one experiment of the section (the
 * row of every comparison panel for one metric, or the distribution panel). The ↑/↓ keys step
 * through a section's rows, so every chart is reached by keyboard and each fits on the screen.
 */
import { SECTION_EXPERIMENTS, type SectionId } from '../article/ArticleView';
import { EXPERIMENTS } from '../../experiments/registry';
import { METRICS } from '../../shared/metrics';

/** One chart row: an experiment, and the index of its metric (metrics.length = distributions). */
export interface PresentRow {
  experimentId: string;
  row: number;
  /** What the row shows, for the slide's progress line. */
  label: string;
}

/** Every chart row of a section, in order. */
export function presentRows(section: SectionId): PresentRow[] {
  return SECTION_EXPERIMENTS[section].flatMap((experimentId) => {
    const experiment = EXPERIMENTS[experimentId];
    if (!experiment) return [];
    const rows = experiment.metrics.map((metric, row) => ({
      experimentId,
      row,
      label: METRICS[metric].label,
    }));
    return experiment.distributionLayer
      ? [
          ...rows,
          {
            experimentId,
            row: rows.length,
            label: `Distributions, layer ${experiment.distributionLayer}`,
          },
        ]
      : rows;
  });
}

/** Pixels of a slide that are not chart: progress line, heading, status line, panel heads, bar. */
const CHROME_PX = 430;
/** Charts are never shorter than this, CSS pixels. */
const MIN_CHART_PX = 180;

/** Height of a slide's charts for a window `innerHeight` tall. */
export function presentChartHeight(innerHeight: number): number {
  return Math.max(MIN_CHART_PX, Math.round(innerHeight - CHROME_PX));
}
