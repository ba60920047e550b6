import type { MetricId } from '../../shared/metrics';
import type { SeriesChunk } from '../../shared/runStatus';

/** Points of every metric of one run not yet sent; drained into typed-array chunks. */
export class SeriesBuffer {
  private readonly pending = new Map<
    MetricId,
    { steps: number[]; times: number[]; values: number[] }
  >();

  constructor(private readonly runId: string) {}

  push(metric: MetricId, step: number, timeMs: number, value: number): void {
    let rows = this.pending.get(metric);
    if (!rows) {
      rows = { steps: [], times: [], values: [] };
      this.pending.set(metric, rows);
    }
    rows.steps.push(step);
    rows.times.push(timeMs);
    rows.values.push(value);
  }

  /** New points as one chunk per metric, emptying the buffer. */
  drain(): SeriesChunk[] {
    const chunks = [...this.pending].map(([metric, rows]) => ({
      runId: this.runId,
      metric,
      steps: Int32Array.from(rows.steps),
      times: Float32Array.from(rows.times),
      values: Float32Array.from(rows.values),
    }));
    this.pending.clear();
    return chunks;
  }
}
