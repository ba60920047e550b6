/** Steps-per-second over a sliding window of (time, step) samples, and median step cost. */

/** How far back the rate looks, milliseconds. */
const RATE_WINDOW_MS = 3000;
/** Step durations kept for the median. */
const DURATION_SAMPLES = 31;

export class Throughput {
  private samples: { time: number; step: number }[] = [];
  private durations: number[] = [];

  /** Record that `step` steps were done at `time` (ms), the last one taking `durationMs`. */
  record(time: number, step: number, durationMs: number): void {
    this.samples.push({ time, step });
    while (this.samples.length > 2 && time - (this.samples[0]?.time ?? time) > RATE_WINDOW_MS) {
      this.samples.shift();
    }
    this.durations.push(durationMs);
    if (this.durations.length > DURATION_SAMPLES) this.durations.shift();
  }

  /** Steps per second over the window; 0 until two samples exist. */
  stepsPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.time <= first.time) return 0;
    return ((last.step - first.step) * 1000) / (last.time - first.time);
  }

  /** Median duration of recent steps, ms; 0 when none. */
  medianStepMs(): number {
    if (this.durations.length === 0) return 0;
    const sorted = [...this.durations].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  }

  /** Forget the window (after a pause, so the rate does not count the idle time). */
  resetWindow(): void {
    this.samples = [];
  }
}
