/**
 * Training progress on stderr: a line per run (bar, steps, steps/s, ETA) and an overall line.
 * Redrawn in place on a terminal; elsewhere (a log, CI) a line each time a run passes another 10%
 * or ends, so logs stay readable.
 */
import { FINAL_STATUSES } from '../shared/runStatus';
import type { RunBook, RunState } from './runBook';

/** What the view writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  write(text: string): unknown;
}

/** Characters of a progress bar's inside. */
const BAR_WIDTH = 20;
/** Redraw a terminal at most this often, ms. */
const REDRAW_MS = 100;
/** Characters of a run's name shown on a terminal. */
const MAX_LABEL = 40;
/** A log line each time a run passes another tenth of its steps. */
const LOG_FRACTIONS = 10;

const ESC = '\u001b[';

/** `[#####...............]` for a fraction in [0, 1]. */
export function bar(fraction: number, width = BAR_WIDTH): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** "0:07", "12:03", "1:02:03"; "--:--" when unknown. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

const count = (n: number) => n.toLocaleString('en');
const rate = (sps: number) => `${sps >= 100 ? sps.toFixed(0) : sps.toFixed(1)} steps/s`;

/** Seconds `run` still needs at its current speed. */
const runEta = (run: RunState) =>
  run.stepsPerSecond > 0 ? (run.plan.config.steps - run.step) / run.stepsPerSecond : NaN;

/** What follows a run's name: its bar and speed while it trains, its outcome once it ended. */
function runStatusText(run: RunState): string {
  const steps = run.plan.config.steps;
  const progress = `${bar(run.step / steps)} ${count(run.step).padStart(count(steps).length)}/${count(steps)}`;
  switch (run.status) {
    case 'queued':
      return 'queued';
    case 'running':
    case 'paused': {
      if (run.step === 0) return `${progress}  starting`;
      const percent = `${Math.floor((100 * run.step) / steps)}%`.padStart(4);
      const speed = run.stepsPerSecond > 0 ? `  ${rate(run.stepsPerSecond)}` : '';
      return `${progress} ${percent}${speed}  ETA ${clock(runEta(run))}`;
    }
    case 'completed': {
      const seconds = ((run.endedAt ?? 0) - (run.startedAt ?? 0)) / 1000;
      return `${progress}  done in ${seconds.toFixed(1)} s (${rate(steps / Math.max(seconds, 1e-3))})`;
    }
    case 'stopped':
      return `${progress}  stopped at step ${count(run.step)}`;
    case 'diverged':
    case 'stalled':
    case 'failed':
    case 'interrupted':
      return `${progress}  ${run.status}${run.message ? `: ${run.message}` : ''}`;
  }
}

/** Fraction of all steps done, counting runs that ended early as done. */
function overallFraction(runs: readonly RunState[]): number {
  const total = runs.reduce((n, r) => n + r.plan.config.steps, 0);
  const done = runs.reduce(
    (n, r) => n + (FINAL_STATUSES.has(r.status) ? r.plan.config.steps : r.step),
    0,
  );
  return total > 0 ? done / total : 1;
}

/** The overall line: bar, share of steps done, runs by state, ETA at the current total speed. */
export function overallLine(runs: readonly RunState[]): string {
  const fraction = overallFraction(runs);
  const ended = runs.filter((r) => FINAL_STATUSES.has(r.status)).length;
  const running = runs.filter((r) => r.status === 'running').length;
  const left = runs
    .filter((r) => !FINAL_STATUSES.has(r.status))
    .reduce((n, r) => n + r.plan.config.steps - r.step, 0);
  const speed = runs
    .filter((r) => r.status === 'running')
    .reduce((n, r) => n + r.stepsPerSecond, 0);
  const eta = ended === runs.length ? 0 : speed > 0 ? left / speed : NaN;
  const percent = `${Math.floor(100 * fraction)}%`.padStart(4);
  return `${bar(fraction)} ${percent}  ${ended}/${runs.length} runs ended, ${running} training  ETA ${clock(eta)}`;
}

/** `text` cut to `width` characters (with an ellipsis), padded to it when `pad`. */
function fit(text: string, width: number, pad = false): string {
  const chars = Array.from(text);
  const cut = chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
  return pad ? cut.padEnd(width) : cut;
}

export class ProgressView {
  private drawnLines = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Tenths of its steps each run had passed at its last log line. */
  private readonly loggedTenths = new Map<string, number>();
  private loggedOverall = 0;
  private readonly idWidth: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly book: RunBook,
  ) {
    this.idWidth = Math.max(3, ...book.runs.map((r) => r.plan.id.length));
  }

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  /** After each event; `changed` is the run whose status it changed, if any. */
  update(changed: RunState | null): void {
    if (this.tty) {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.draw();
      }, REDRAW_MS);
      return;
    }
    if (changed) this.logStatus(changed);
    else this.logProgress();
  }

  /** A message above the progress lines (or in the log). */
  log(message: string): void {
    if (this.tty) {
      this.erase();
      this.stream.write(`${message}\n`);
      this.draw();
    } else {
      this.stream.write(`${message}\n`);
    }
  }

  /** The final state: a last redraw on a terminal, the overall line in a log. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.tty) this.draw();
    else this.stream.write(`${this.overallRow()}\n`);
  }

  private overallRow(): string {
    return `${'all'.padEnd(this.idWidth)}  ${overallLine(this.book.runs)}`;
  }

  private runLine(run: RunState, labelWidth: number | null): string {
    const label =
      labelWidth === null ? `${run.plan.label}:` : fit(run.plan.label, labelWidth, true);
    return `${run.plan.id.padEnd(this.idWidth)}  ${label}  ${runStatusText(run)}`;
  }

  private logStatus(run: RunState): void {
    if (run.status === 'running') this.stream.write(`${this.runLine(run, null)}\n`);
    if (!FINAL_STATUSES.has(run.status)) return;
    this.stream.write(`${this.runLine(run, null)}\n`);
    this.logOverall();
  }

  private logProgress(): void {
    for (const run of this.book.runs) {
      if (run.status !== 'running') continue;
      const tenths = Math.floor((LOG_FRACTIONS * run.step) / run.plan.config.steps);
      if (tenths <= (this.loggedTenths.get(run.plan.id) ?? 0) || tenths >= LOG_FRACTIONS) continue;
      this.loggedTenths.set(run.plan.id, tenths);
      this.stream.write(`${this.runLine(run, null)}\n`);
    }
    this.logOverall();
  }

  /** The overall line, each time the whole passes another tenth. */
  private logOverall(): void {
    const tenths = Math.floor(LOG_FRACTIONS * overallFraction(this.book.runs));
    if (tenths <= this.loggedOverall || tenths >= LOG_FRACTIONS) return;
    this.loggedOverall = tenths;
    this.stream.write(`${this.overallRow()}\n`);
  }

  /** The lines of a terminal frame: every run if they fit, else the training ones and a count. */
  private frame(): string[] {
    const runs = this.book.runs;
    const width = Math.max(20, (this.stream.columns || 100) - 1);
    const labelWidth = Math.min(MAX_LABEL, Math.max(...runs.map((r) => r.plan.label.length)));
    const room = Math.max(3, (this.stream.rows || 24) - 2);
    let shown = runs;
    let note: string[] = [];
    if (runs.length + 1 > room) {
      shown = runs.filter((r) => r.status === 'running').slice(0, room - 2);
      const ended = runs.filter((r) => FINAL_STATUSES.has(r.status)).length;
      const queued = runs.filter((r) => r.status === 'queued').length;
      note = [`… ${ended} ended and ${queued} queued runs not shown`];
    }
    const lines = [...shown.map((r) => this.runLine(r, labelWidth)), ...note, this.overallRow()];
    return lines.map((line) => fit(line, width));
  }

  private erase(): void {
    if (this.drawnLines > 0) this.stream.write(`${ESC}${this.drawnLines}F${ESC}0J`);
    this.drawnLines = 0;
  }

  private draw(): void {
    const lines = this.frame();
    const up = this.drawnLines > 0 ? `${ESC}${this.drawnLines}F${ESC}0J` : '';
    this.stream.write(`${up}${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}
