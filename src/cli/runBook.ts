/**
 * What the CLI knows of each run while it trains: status, progress and every point the engine sent,
 * and the exchange document (src/shared/exchange.ts) written from it at the end.
 */
import { toExchange, type Exchange, type RunForExport } from '../shared/exchange';
import type { MetricId } from '../shared/metrics';
import { FINAL_STATUSES, type RunStatus, type SessionEvent } from '../shared/runStatus';
import type { RunPlan } from './plan';
import type { CliBackend } from './protocol';
import { PRODUCER } from './version';

/** Runs of the CLI appear in the app as lab runs. */
const CLI_EXPERIMENT = 'lab';

/** A growing series as plain arrays. */
interface Points {
  steps: number[];
  times: number[];
  values: number[];
}

/** Add `source` to the end of `target` (a loop: spreading a long array overflows the stack). */
function append(target: number[], source: ArrayLike<number>): void {
  for (let i = 0; i < source.length; i++) target.push(source[i] as number);
}

/** One run as the progress display reads it. */
export interface RunState {
  plan: RunPlan;
  status: RunStatus;
  /** Steps finished. */
  step: number;
  /** Recent steps per second, 0 until measured. */
  stepsPerSecond: number;
  /** Why it diverged, stalled, failed or was stopped. */
  message?: string;
  /** Main-thread time (ms) when it started and ended training, when it has. */
  startedAt?: number;
  endedAt?: number;
}

export class RunBook {
  readonly runs: RunState[];
  private readonly byId = new Map<string, RunState>();
  private readonly series = new Map<string, Map<MetricId, Points>>();

  constructor(
    plans: readonly RunPlan[],
    private readonly backend: CliBackend,
    private readonly now: () => number,
  ) {
    this.runs = plans.map((plan) => ({ plan, status: 'queued', step: 0, stepsPerSecond: 0 }));
    for (const run of this.runs) {
      this.byId.set(run.plan.id, run);
      this.series.set(run.plan.id, new Map());
    }
  }

  /** Take in one event of a worker's session; returns the run whose status changed, if any. */
  apply(event: Exclude<SessionEvent, { type: 'checkpoint' }>): RunState | null {
    if (event.type === 'metrics') {
      for (const chunk of event.chunks) {
        const byMetric = this.series.get(chunk.runId);
        if (!byMetric) continue;
        let points = byMetric.get(chunk.metric);
        if (!points) {
          points = { steps: [], times: [], values: [] };
          byMetric.set(chunk.metric, points);
        }
        append(points.steps, chunk.steps);
        append(points.times, chunk.times);
        append(points.values, chunk.values);
      }
      for (const p of event.progress) {
        const run = this.byId.get(p.runId);
        if (!run) continue;
        run.step = Math.max(run.step, p.step);
        run.stepsPerSecond = p.stepsPerSecond;
      }
      return null;
    }
    const run = this.byId.get(event.runId);
    if (!run || FINAL_STATUSES.has(run.status)) return null;
    run.status = event.status;
    if (event.message !== undefined) run.message = event.message;
    if (event.status === 'running') run.startedAt ??= this.now();
    if (FINAL_STATUSES.has(event.status)) run.endedAt = this.now();
    return run;
  }

  /** End every run that is not finished (queued or cut off) as 'stopped', with `message`. */
  stopUnfinished(message: string): void {
    for (const run of this.runs) {
      if (FINAL_STATUSES.has(run.status)) continue;
      run.status = 'stopped';
      run.message ??= message;
      run.endedAt = this.now();
    }
  }

  /** The run with `id` (for the pool's bookkeeping). */
  get(id: string): RunState | undefined {
    return this.byId.get(id);
  }

  get anyFailed(): boolean {
    return this.runs.some((r) => r.status === 'failed');
  }

  /** The exchange document of every run, unfinished ones as stopped. */
  toExchange(now: Date): Exchange {
    const runs: RunForExport[] = this.runs.map((run) => ({
      id: run.plan.id,
      label: run.plan.label,
      config: run.plan.config,
      status: FINAL_STATUSES.has(run.status) ? run.status : 'stopped',
      message: run.message ?? null,
      step: run.step,
      backend: run.startedAt === undefined ? null : this.backend,
      experimentId: CLI_EXPERIMENT,
      group: run.plan.group,
      style: run.plan.style,
      series: Object.fromEntries(
        [...(this.series.get(run.plan.id) ?? [])].map(([metric, p]) => [
          metric,
          { ...p, length: p.steps.length },
        ]),
      ),
    }));
    return toExchange(runs, PRODUCER, now);
  }
}
