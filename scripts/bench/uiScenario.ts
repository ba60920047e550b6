/**
 * The main thread while the lab trains: 8 runs of 5,000 steps each, drawn live, in the production
 * build. Counts long tasks (> 50 ms, PerformanceObserver 'longtask'), the latency of a button press
 * (Event Timing:
 * input to next paint) pressed every few seconds, and the JS heap at the start and the end. The runs
 * are small deep linear nets: the worker's speed is not the question here, the page's is.
 * The sweep variant trains 48 runs of 300 steps (8 learning rates x 2 normalizations x 3 seeds)
 * with the lab's sweep figure drawing them. The experiment variants train an article experiment's
 * runs at its defaults (CNNs on the digits), in as many training workers as asked, and read each
 * worker's memory at the start and the end.
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { encodeRunSet } from '../../src/page/url/shareLink.ts';
import { EXPERIMENTS } from '../../src/experiments/registry.ts';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig.ts';
import { trainingWorkerMemory, type WorkerMemory } from './workerMemory.ts';

const UI_RUNS = 8;
const UI_STEPS = 5000;
/** The sweep variant: learning rates (around the deep linear preset's 0.003), normalizations, seeds. */
const SWEEP_RATES = [0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005];
const SWEEP_NORMS = ['none', 'batchnorm'] as const;
const SWEEP_SEEDS = 3;
const SWEEP_STEPS = 300;

/** Which scenario: 8 long runs, a 48-run sweep of short ones, or an article experiment's runs. */
export type UiVariant = 'runs' | 'sweep' | 'beyond-bn' | 'does-bn-work';
/** Seconds between two button presses. */
const PRESS_EVERY_MS = 2000;
/** Long tasks this soon after Start count as the runs' mounting, not their streaming, ms. */
const START_WINDOW_MS = 1000;
/** Quiet time after the backend is chosen before pressing Start, ms. */
const SETTLE_MS = 1000;
/** Give up after this long (the runs should take well under it), ms. */
const SCENARIO_TIMEOUT_MS = 300_000;

/**
 * What the page shows while the runs train: its top (the run table), or the charts (scrolled to the
 * sweep figure; the toggle is then pressed from script, which Event Timing does not time).
 */
export type UiView = 'top' | 'charts';

export interface UiReport {
  variant: UiVariant;
  view: UiView;
  runs: number;
  /** Runs that trained all their steps. */
  completed: number;
  stepsEach: number;
  /** Seconds from Start to every run finished. */
  seconds: number;
  longTasks: number;
  longestTaskMs: number;
  /** Of those, the ones a second or more after Start (the runs streaming, not being mounted). */
  longTasksStreaming: number;
  longestStreamingTaskMs: number;
  /** Long tasks while the page loaded, before Start (not counted above). */
  longTasksBeforeStart: number;
  /** The Start press, input to paint, ms (0 when under 16 ms). */
  startPressMs: number;
  presses: number;
  /**
   * Presses whose input-to-paint latency (Event Timing, in 8 ms steps) was over 16 ms, the API's
   * least threshold, and the slowest press, ms (0 when none was over 16 ms).
   */
  pressesOver16Ms: number;
  pressLatencyMaxMs: number;
  heapStartMb: number;
  heapEndMb: number;
  /** Training workers asked for (null: the page's default). */
  workers: number | null;
  /** Each training worker's memory once the backend is chosen and after the runs. */
  workerMemoryStart: WorkerMemory[];
  workerMemoryEnd: WorkerMemory[];
  /** Each training worker's memory with the slowest run 10 % and 90 % through (empty if missed). */
  workerMemoryEarly: WorkerMemory[];
  workerMemoryLate: WorkerMemory[];
}

const config: RunConfig = {
  ...DEFAULT_RUN_CONFIG,
  task: 'deep-linear',
  steps: UI_STEPS,
  // The deep linear preset's rate: the default 0.1 makes this net diverge within 10 steps.
  learningRate: 0.003,
  batchSize: 64,
  deepLinear: { ...DEFAULT_RUN_CONFIG.deepLinear, depth: 4, width: 8, samples: 64 },
};

/** A long task or a slow press: when it started (ms since navigation) and how long it took. */
interface PerfEntry {
  start: number;
  ms: number;
}

declare global {
  interface Window {
    /** Filled by the init script below. */
    uiPerf?: { longTasks: PerfEntry[]; presses: PerfEntry[] };
  }
}

/** Installed before the page's own scripts. */
function observe(): void {
  const perf = { longTasks: [] as PerfEntry[], presses: [] as PerfEntry[] };
  window.uiPerf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) perf.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'click') perf.presses.push({ start: e.startTime, ms: e.duration });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

/** The runs of a variant, as the link that offers them lists them (one setup, seeds 1, 2, ...). */
function setupsOf(variant: UiVariant) {
  if (variant === 'beyond-bn' || variant === 'does-bn-work') {
    const experiment = EXPERIMENTS[variant];
    if (!experiment) throw new Error(`no experiment ${variant}`);
    return experiment
      .plan(experiment.defaults)
      .map((run) => ({ label: run.label, config: run.config, seeds: 1 }));
  }
  if (variant === 'runs') {
    return Array.from({ length: UI_RUNS }, (_, i) => ({
      label: `run ${i + 1}`,
      config: { ...config, seed: i + 1 },
      seeds: 1,
    }));
  }
  return SWEEP_RATES.flatMap((learningRate) =>
    SWEEP_NORMS.map((normalization) => ({
      label: `LR ${learningRate} ${normalization}`,
      config: {
        ...config,
        steps: SWEEP_STEPS,
        learningRate,
        model: { ...config.model, normalization },
        seed: 1,
      },
      seeds: SWEEP_SEEDS,
    })),
  );
}

export async function uiScenario(
  browser: Browser,
  origin: string,
  variant: UiVariant = 'runs',
  workers: number | null = null,
  view: UiView = 'top',
): Promise<UiReport> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(observe);
  // BENCH_UI_INIT=file.js runs a script of yours before the page's own (a MutationObserver that
  // logs what each frame changed, say; with BENCH_UI_CONSOLE=1 its console lines are printed).
  const init = process.env['BENCH_UI_INIT'];
  if (init) await page.addInitScript({ path: init });
  // BENCH_UI_CONSOLE=1 prints the page's console (a temporary trace, say).
  if (process.env['BENCH_UI_CONSOLE'])
    page.on('console', (m) => console.error(`page: ${m.text()}`));
  if (workers !== null) {
    await page.addInitScript(
      (count) => localStorage.setItem('bnlab.workers.v1', count),
      String(workers),
    );
  }
  const setups = setupsOf(variant);
  const runCount = setups.reduce((sum, s) => sum + s.seeds, 0);
  const url = `${origin}/#/lab?${encodeRunSet(setups)}`;
  await page.goto(url);
  const startButton = page.getByRole('button', { name: `Start ${runCount} runs` });
  await startButton.waitFor({ timeout: 60_000 });
  const cdp = await context.newCDPSession(page);
  // Live heap: garbage collected first, so the figures compare what the page keeps.
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(
      () =>
        (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize /
        2 ** 20,
    );
  };
  // The loaded page's heap, then a fresh load for the scenario: a forced collection is a long task
  // itself and makes V8 drop compiled code, which the Start press would then pay for again.
  const heapStartMb = await heapMb();
  await page.goto('about:blank');
  await page.goto(url);
  await startButton.waitFor({ timeout: 60_000 });
  // Start once the page has loaded: data in, backend chosen, and a quiet second after.
  await page
    .locator('[data-testid="backend-badge"][data-backend]:not([data-backend=""])')
    .waitFor({ timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  const workerMemoryStart = await trainingWorkerMemory(browser);
  const trainStart = await page.evaluate(() => performance.now());
  // BENCH_UI_PROFILE=file.cpuprofile samples the main thread from Start to the runs' end.
  const profile = process.env['BENCH_UI_PROFILE'];
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  // BENCH_UI_ALLOC=file.heapprofile samples the main thread's allocations over the same span.
  const allocProfile = process.env['BENCH_UI_ALLOC'];
  if (allocProfile) {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  // BENCH_UI_TRACE=file.json records a Chromium trace (tasks, style, layout, paint, GC) over it.
  const trace = process.env['BENCH_UI_TRACE'];
  if (trace) {
    await browser.startTracing(page, {
      path: trace,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'blink.user_timing',
      ],
    });
  }
  await startButton.click();
  const rows = page.getByTestId('lab-run-row');
  await rows.nth(runCount - 1).waitFor();
  if (view === 'charts') await page.getByTestId('sweep-panel').scrollIntoViewIfNeeded();
  const start = Date.now();
  // The first row's Show box (a seed group's first member in the sweep).
  const toggle = page.locator('[data-testid="lab-run-row"] input[type="checkbox"]').first();
  let presses = 0;
  // Each worker's memory while the runs train: once the slowest run is past 10 % of its steps and
  // again past 90 % (tensors live then; at the end the finished runs have freed theirs).
  const stepsEach = setups[0]?.config.steps ?? 0;
  // Each row's status and step, read with the page's own querySelectorAll: Playwright's selector
  // engine runs on the page's main thread too, and a locator listing five statuses took 35 ms
  // there, itself a long task counted against the page.
  const rowStates = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="lab-run-row"]'), (row) => ({
        status: row.getAttribute('data-status') ?? '',
        step: Number(row.getAttribute('data-step')),
      })),
    );
  const UNFINISHED = ['queued', 'running', 'paused'];
  const FINISHED = ['completed', 'diverged', 'stalled', 'stopped', 'failed'];
  let workerMemoryEarly: WorkerMemory[] = [];
  let workerMemoryLate: WorkerMemory[] = [];
  while (Date.now() - start < SCENARIO_TIMEOUT_MS) {
    const states = await rowStates();
    const reached =
      Math.min(
        ...states.map(({ status, step }) => (UNFINISHED.includes(status) ? step : Infinity)),
      ) / stepsEach;
    if (workerMemoryEarly.length === 0 && reached >= 0.1 && reached < 0.9)
      workerMemoryEarly = await trainingWorkerMemory(browser);
    if (
      workerMemoryLate.length === 0 &&
      workerMemoryEarly.length > 0 &&
      reached >= 0.9 &&
      reached < 1
    )
      workerMemoryLate = await trainingWorkerMemory(browser);
    const done = states.filter(({ status }) => FINISHED.includes(status)).length;
    if (done === runCount) break;
    // A real click scrolls the toggle into view; with the charts watched, a script's click.
    if (view === 'charts')
      await page.evaluate(() =>
        document
          .querySelector<HTMLInputElement>('[data-testid="lab-run-row"] input[type="checkbox"]')
          ?.click(),
      );
    else await toggle.click();
    presses += 1;
    await page.waitForTimeout(PRESS_EVERY_MS);
  }
  const seconds = (Date.now() - start) / 1000;
  const trainEnd = await page.evaluate(() => performance.now());
  if (profile) {
    const { profile: samples } = await cdp.send('Profiler.stop');
    writeFileSync(profile, JSON.stringify(samples));
  }
  if (trace) await browser.stopTracing();
  if (allocProfile) {
    const { profile: allocations } = await cdp.send('HeapProfiler.stopSampling');
    writeFileSync(allocProfile, JSON.stringify(allocations));
  }
  const completed = await page
    .locator('[data-testid="lab-run-row"][data-status="completed"]')
    .count();
  if (!(await toggle.isChecked())) await toggle.click();
  await page.waitForTimeout(500);
  const heapEndMb = await heapMb();
  const workerMemoryEnd = await trainingWorkerMemory(browser);
  const perf = await page.evaluate(() => window.uiPerf ?? { longTasks: [], presses: [] });
  await context.close();
  // BENCH_UI_DEBUG=1 lists every long task and slow press as +ms after Start:duration.
  if (process.env['BENCH_UI_DEBUG']) {
    const rel = (e: PerfEntry) => `+${(e.start - trainStart).toFixed(0)}:${e.ms.toFixed(0)}`;
    console.error(
      'long tasks',
      perf.longTasks.map(rel).join(' '),
      'presses',
      perf.presses.map(rel).join(' '),
    );
  }
  const during = (e: PerfEntry) => e.start >= trainStart && e.start <= trainEnd;
  // The first press is Start itself (it mounts the runs); the toggles come after it.
  const [startPress, ...toggles] = perf.presses.filter(during);
  // The mounting window counts from the Start press itself (Event Timing's input time), which
  // Playwright's click may deliver some 250 ms after the script read the clock.
  const streamingFrom = (startPress?.start ?? trainStart) + START_WINDOW_MS;
  const longTasks = perf.longTasks.filter(during).map((e) => e.ms);
  const streaming = perf.longTasks
    .filter((e) => during(e) && e.start >= streamingFrom)
    .map((e) => e.ms);

  return {
    variant,
    view,
    runs: runCount,
    completed,
    stepsEach,
    seconds,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasksStreaming: streaming.length,
    longestStreamingTaskMs: Math.max(0, ...streaming),
    longTasksBeforeStart: perf.longTasks.filter((e) => e.start < trainStart).length,
    startPressMs: startPress?.ms ?? 0,
    presses,
    pressesOver16Ms: toggles.length,
    pressLatencyMaxMs: Math.max(0, ...toggles.map((e) => e.ms)),
    heapStartMb,
    heapEndMb,
    workers,
    workerMemoryStart,
    workerMemoryEnd,
    workerMemoryEarly,
    workerMemoryLate,
  };
}
