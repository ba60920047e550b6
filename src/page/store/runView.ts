import type { RunStyle } from '../../experiments/types';
import type { RunRecord } from '../../shared/runRecord';
import { visible } from '../../shared/visibleText';

/** Experiment id of runs made in the lab's editor (not by an article section). */
export const LAB_EXPERIMENT = 'lab';
/** Longest run name kept, characters. */
export const MAX_LABEL_LENGTH = 80;

/** A run as the page shows it. */
export interface RunView extends RunRecord {
  id: string;
  /** Which of the experiment's comparison panels draws it ('' for lab runs). */
  panel: string;
  /** How the lab draws it (the user may recolour it). */
  style: RunStyle;
  /** How its article section draws it: the experiment's own look, never recoloured. */
  panelStyle: RunStyle;
  /** Drawn in the lab's charts. */
  visible: boolean;
  /** Read from an exported file (not trained on this page). */
  imported?: boolean;
  /** Name of the sweep the editor started it in (its runs form one sweep group). */
  sweep?: string;
  stepsPerSecond: number;
  msPerStep: number;
}

/** A run name as stored: one line, no surrounding spaces, at most MAX_LABEL_LENGTH characters. */
export function cleanLabel(label: string): string {
  return visible(label).text.slice(0, MAX_LABEL_LENGTH);
}
