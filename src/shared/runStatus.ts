import type { TrainerCheckpoint } from './checkpoint';
import type { MetricId } from './metrics';
import type { SeriesPoints } from './seriesPoints';

/** Lifecycle of a run, shared by the engine that drives it and the page that shows it. */
export const RUN_STATUSES = [
  'queued',
  'running',
  'paused',
  'completed',
  'stopped',
  /** The loss became NaN or infinite. */
  'diverged',
  /** Nearly every ReLU of a conv layer stayed dead for a while: the loss is finite but frozen. */
  'stalled',
  'failed',
  /** Page only: it was training when the page closed; its points are kept, it can be restarted. */
  'interrupted',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses after which a run never trains again. */
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set([
  'completed',
  'stopped',
  'diverged',
  'stalled',
  'failed',
  'interrupted',
]);

/** Statuses of a run a worker still holds: waiting, training, or paused. */
export const UNFINISHED_STATUSES: ReadonlySet<RunStatus> = new Set(['queued', 'running', 'paused']);

/** New points of one metric of one run, as typed arrays (transferred, not copied, across threads). */
export interface SeriesChunk extends SeriesPoints {
  runId: string;
  metric: MetricId;
}

/** Where a run stands, sent with each batch of points. */
interface RunProgress {
  runId: string;
  /** Steps finished. */
  step: number;
  /** Steps finished per wall-clock second over the last few seconds (shares the backend with other runs). */
  stepsPerSecond: number;
  /** Median compute time of one of this run's steps, milliseconds. */
  msPerStep: number;
}

/** What a training session reports, in order. */
export type SessionEvent =
  | { type: 'status'; runId: string; status: RunStatus; message?: string }
  | { type: 'metrics'; chunks: SeriesChunk[]; progress: RunProgress[] }
  /** The run's full state every few steps, to resume it after a reload. */
  | { type: 'checkpoint'; runId: string; checkpoint: TrainerCheckpoint };

/** How many runs have each status, e.g. "2 running, 1 completed" (statuses in lifecycle order). */
export function statusSummary(statuses: readonly RunStatus[]): string {
  return RUN_STATUSES.map(
    (status) => [status, statuses.filter((s) => s === status).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}
