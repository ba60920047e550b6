/**
 * `npm run bench`: the performance report, one run of this machine. Sections (all by default, or
 * `--only steps,datasets,kernels,measure,memory,ui,pool,load,session`):
 *   steps    ms per training step, every backend in Node and Chromium, beside PyTorch (bench/stepTable)
 *   datasets ms per step on each shipped dataset's real images and on random images of the
 *            input shapes an import can make, wasm in Node (bench/datasetSteps)
 *   kernels  where a step's time goes: ms per kernel on wasm in Node (bench/kernelProfile)
 *   measure  what each measurement costs at its default cadence (bench/measureCost)
 *   memory   live tensors and heap over a 5,000-step run (bench/memoryRun)
 *   ui       long tasks, input latency and heap while 8 runs train, then a 48-run sweep watched at
 *            the run table and at the charts (bench/uiScenario)
 *   pool     "Does BN help?" and "Beyond BN" in 1 training worker and in a pool: wall time, long
 *            tasks, each worker's memory (bench/uiScenario, bench/workerMemory)
 *   load     a cold load: first paint, interactive, backend chosen, bytes shipped (bench/loadTime)
 *   session  one open lab: 30 runs created and deleted, one of 20,000 steps; page and worker heap,
 *            DOM nodes, IndexedDB after each stage (bench/longSession)
 * Prints tables and writes bench-results/latest.json. A benchmark, not a test: nothing here asserts
 * a speed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.ts';
import { registerCpuAndWasm } from '../src/engine/backend/cpuWasm.ts';
import { decodeMnist } from '../src/shared/imageBinary.ts';
import { datasetRows, formatDatasetRows } from './bench/datasetSteps.ts';
import { loadTime, type LoadReport } from './bench/loadTime.ts';
import { markdownTable } from './bench/markdown.ts';
import { formatKernelProfile, kernelProfiles } from './bench/kernelProfile.ts';
import { formatMeasureCost, measureCostRows } from './bench/measureCost.ts';
import { memoryRun, MEMORY_STEPS, type MemoryReport } from './bench/memoryRun.ts';
import {
  arrayKernelLines,
  browserRows,
  formatStepTable,
  nodeRows,
  torchRow,
} from './bench/stepTable.ts';
import { longSession, type SessionStage } from './bench/longSession.ts';
import { uiScenario, type UiReport } from './bench/uiScenario.ts';
import type { WorkerMemory } from './bench/workerMemory.ts';

/** Port of the preview server the browser sections use. */
const PORT = 4188;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** WebGPU needs this flag here (its SwiftShader adapter); precise heap figures need the other. */
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--enable-unsafe-webgpu', '--enable-precise-memory-info'];
const SECTIONS = [
  'steps',
  'datasets',
  'kernels',
  'measure',
  'memory',
  'ui',
  'pool',
  'load',
  'session',
] as const;
type Section = (typeof SECTIONS)[number];

const log = (line: string) => process.stderr.write(`${line}\n`);

function sectionsFromArgs(): Set<Section> {
  const at = process.argv.indexOf('--only');
  if (at < 0) return new Set(SECTIONS);
  const wanted = (process.argv[at + 1] ?? '').split(',');
  const unknown = wanted.filter((w) => !(SECTIONS as readonly string[]).includes(w));
  if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}`);
  return new Set(wanted as Section[]);
}

/** The production build served by `vite preview` and one Chromium, for the browser sections. */
async function withBrowser<T>(run: (browser: Browser) => Promise<T>): Promise<T> {
  if (!existsSync('dist/bench.html')) {
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(ORIGIN).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    return await run(browser);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const mb = (n: number) => `${n.toFixed(1)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;

function formatMemory(m: MemoryReport): string[][] {
  return [
    ['long run (wasm, node)', 'start', 'end'],
    [
      `live tensors (BN b20, ICS measurements, ${m.steps} steps)`,
      `${m.tensorsStart}`,
      `${m.tensorsEnd}`,
    ],
    ['JS heap', mb(m.heapStartMb), mb(m.heapEndMb)],
    ['tfjs memory', mb(m.backendStartMb), mb(m.backendEndMb)],
    ['mean ms per step', '', m.meanMsPerStep.toFixed(1)],
  ];
}

function formatUi(u: UiReport): string[][] {
  return [
    [
      `main thread, ${u.runs} runs x ${u.stepsEach} steps${u.variant === 'sweep' ? ' (a sweep, its figure drawn)' : ''}${u.view === 'charts' ? ', charts in view' : ', run table in view'} (Chromium)`,
      'value',
    ],
    ['runs completed, training time', `${u.completed} of ${u.runs}, ${u.seconds.toFixed(0)} s`],
    [
      "long tasks (> 50 ms) from Start to the last run's end",
      `${u.longTasks}${u.longTasks ? `, longest ${u.longestTaskMs.toFixed(0)} ms` : ''}`,
    ],
    [
      '… of them 1 s or more after Start (runs streaming)',
      `${u.longTasksStreaming}${u.longTasksStreaming ? `, longest ${u.longestStreamingTaskMs.toFixed(0)} ms` : ''}`,
    ],
    ['long tasks while the page loaded (before Start)', `${u.longTasksBeforeStart}`],
    [`Start press (mounts the ${u.runs} runs), input to paint`, `${u.startPressMs.toFixed(0)} ms`],
    ...(u.view === 'charts'
      ? [[`toggle presses while training (${u.presses})`, 'from script, not timed']]
      : [
          [`toggle presses while training, over 16 ms (of ${u.presses})`, `${u.pressesOver16Ms}`],
          ['slowest toggle press, input to paint', `${u.pressLatencyMaxMs.toFixed(0)} ms`],
        ]),
    ['JS heap start → end', `${mb(u.heapStartMb)} → ${mb(u.heapEndMb)}`],
  ];
}

function formatSession(stages: SessionStage[]): string[][] {
  const mb = (x: number) => `${x.toFixed(1)} MB`;
  return [
    [
      'one open lab, no reload (Chromium)',
      'page JS heap',
      'DOM nodes',
      'IndexedDB (estimate)',
      'records: runs, chunks, checkpoints',
      'worker JS heap, tfjs tensors',
    ],
    ...stages.map((s) => [
      s.stage,
      mb(s.pageHeapMb),
      String(s.domNodes),
      s.indexedDbMb === null ? '–' : `${s.indexedDbMb.toFixed(2)} MB`,
      `${s.records.runs}, ${s.records.chunks}, ${s.records.checkpoints}`,
      s.workers.map((w) => `${mb(w.heapMb)}, ${w.tensors}`).join(' + '),
    ]),
  ];
}

/** Workers the pool section compares with one: every core (the main thread is mostly idle). */
const POOL_WORKERS = Math.max(2, cpus().length);
/** Times each pool measurement is repeated (alternating 1 worker and the pool). */
const POOL_ROUNDS = 2;

function formatPool(reports: UiReport[]): string[][] {
  const rows: string[][] = [
    [
      'runs (Chromium, production build)',
      'workers',
      'wall time',
      'speed-up',
      'long tasks streaming',
      'worker JS heap, 10 % → 90 % of the steps (each)',
      'tfjs tensors, 10 % → 90 % (each)',
      'pool at 90 %: heap + tensors',
    ],
  ];
  /** Mean wall time with one worker, per variant: what each row's speed-up compares with. */
  const alone = new Map<string, number>();
  for (const variant of new Set(reports.map((r) => r.variant))) {
    const times = reports.filter((r) => r.variant === variant && r.workers === 1);
    if (times.length > 0)
      alone.set(variant, times.reduce((sum, r) => sum + r.seconds, 0) / times.length);
  }
  const each = (list: WorkerMemory[], pick: (m: WorkerMemory) => string) =>
    list.map(pick).join(' + ') || '–';
  const heap = (m: WorkerMemory) => m.heapMb.toFixed(1);
  const tensors = (m: WorkerMemory) => `${m.tensors} (${m.tensorMb.toFixed(1)} MB)`;
  for (const r of reports) {
    const base = alone.get(r.variant);
    const late = r.workerMemoryLate;
    const total = late.reduce((sum, m) => sum + m.heapMb + m.tensorMb, 0);
    rows.push([
      `${r.variant}: ${r.runs} runs x ${r.stepsEach} steps (${r.completed} completed)`,
      String(r.workers ?? 'default'),
      `${r.seconds.toFixed(1)} s`,
      base ? `${(base / r.seconds).toFixed(2)}x` : '–',
      `${r.longTasksStreaming}${r.longTasksStreaming ? ` (longest ${r.longestStreamingTaskMs.toFixed(0)} ms)` : ''}`,
      `${each(r.workerMemoryEarly, heap)} → ${each(late, heap)} MB`,
      `${each(r.workerMemoryEarly, tensors)} → ${each(late, tensors)}`,
      late.length > 0 ? `${total.toFixed(1)} MB` : '–',
    ]);
  }
  return rows;
}

function formatLoad(l: LoadReport): string[][] {
  const kinds = ['js', 'css', 'wasm', 'data', 'other'];
  const bytes = (r: LoadReport['total']) =>
    kinds
      .filter((k) => r[k])
      .map((k) => `${k} ${kb(r[k]?.bytes ?? 0)} (gzip ${kb(r[k]?.gzip ?? 0)})`)
      .join(', ');
  return [
    ['cold load (Chromium, production build)', 'value'],
    ['first contentful paint', `${l.firstContentfulPaintMs.toFixed(0)} ms`],
    ['interactive (article shown, no long task after)', `${l.interactiveMs.toFixed(0)} ms`],
    ['backend chosen (data loaded, probe done)', `${l.backendReadyMs.toFixed(0)} ms`],
    ['probe', l.probe],
    ['fetched before interactive', bytes(l.beforeInteractive)],
    ['fetched in all (incl. worker, wasm, MNIST)', bytes(l.total)],
  ];
}

async function main(): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the output
  const sections = sectionsFromArgs();
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report: Record<string, unknown> = { date: new Date().toISOString(), machine };
  const tables: string[] = [];

  if (sections.has('steps')) {
    const rows = [...(await nodeRows(log))];
    if (existsSync(CHROMIUM_PATH)) rows.push(...(await withBrowser((b) => browserRows(b, ORIGIN))));
    else
      rows.push({
        where: 'chromium worker',
        backend: '-',
        cells: [],
        note: `no Chromium at ${CHROMIUM_PATH}`,
      });
    rows.push(torchRow());
    report.steps = rows;
    tables.push(
      'ms per training step (median/p90, "+m": mean with every measurement on; ratio to PyTorch 1 thread in brackets)\n\n' +
        markdownTable(formatStepTable(rows)) +
        `\n\n${arrayKernelLines(rows).join('\n')}`,
    );
  }
  if (sections.has('datasets')) {
    registerCpuAndWasm();
    const rows = await datasetRows(log);
    report.datasets = rows;
    tables.push(
      'ms per step on real images (median/p90; a new batch from the run’s split each step)\n\n' +
        markdownTable(formatDatasetRows(rows)),
    );
  }
  if (sections.has('kernels')) {
    registerCpuAndWasm();
    await tf.setBackend('wasm');
    const profiles = await kernelProfiles(log);
    report.kernels = profiles;
    for (const p of profiles) {
      tables.push(
        `where ${p.caseId} spends its time (wasm, Node)\n\n${markdownTable(formatKernelProfile(p))}`,
      );
    }
  }
  if (sections.has('measure')) {
    registerCpuAndWasm();
    await tf.setBackend('wasm');
    const rows = await measureCostRows(log);
    report.measure = rows;
    tables.push(markdownTable(formatMeasureCost(rows)));
  }
  if (sections.has('memory')) {
    registerCpuAndWasm();
    await tf.setBackend('wasm');
    const data = decodeMnist(new Uint8Array(readFileSync('public/data/mnist-10k.bin')));
    const steps = process.argv.includes('--quick') ? 500 : MEMORY_STEPS;
    log(`bench: memory, ${steps} steps…`);
    const memory = await memoryRun(data, steps);
    report.memory = memory;
    tables.push(markdownTable(formatMemory(memory)));
  }
  if (
    (sections.has('ui') ||
      sections.has('pool') ||
      sections.has('load') ||
      sections.has('session')) &&
    existsSync(CHROMIUM_PATH)
  ) {
    await withBrowser(async (browser) => {
      if (sections.has('load')) {
        const load = await loadTime(browser, ORIGIN);
        report.load = load;
        tables.push(markdownTable(formatLoad(load)));
        log('bench: load done');
      }
      if (sections.has('ui')) {
        const ui = await uiScenario(browser, ORIGIN);
        report.ui = ui;
        tables.push(markdownTable(formatUi(ui)));
        log('bench: ui done');
        const sweep = await uiScenario(browser, ORIGIN, 'sweep');
        report.uiSweep = sweep;
        tables.push(markdownTable(formatUi(sweep)));
        log('bench: ui sweep done');
        // The same sweep watched where a user watches it: its figure and the charts in view.
        const sweepCharts = await uiScenario(browser, ORIGIN, 'sweep', null, 'charts');
        report.uiSweepCharts = sweepCharts;
        tables.push(markdownTable(formatUi(sweepCharts)));
        log('bench: ui sweep, charts in view, done');
      }
      if (sections.has('session')) {
        const session = await longSession(browser, ORIGIN);
        report.session = session;
        tables.push(markdownTable(formatSession(session)));
        log('bench: long session done');
      }
      if (sections.has('pool')) {
        const pool: UiReport[] = [];
        // Alternated and repeated: this VM's speed drifts by 10-30 % from one minute to the next.
        for (const variant of ['does-bn-work', 'beyond-bn'] as const) {
          for (let round = 0; round < POOL_ROUNDS; round++) {
            for (const workers of [1, POOL_WORKERS]) {
              pool.push(await uiScenario(browser, ORIGIN, variant, workers));
              log(`bench: pool ${variant} with ${workers} workers done`);
            }
          }
        }
        // Memory over long runs: 8 runs of 5,000 steps spread over the pool.
        pool.push(await uiScenario(browser, ORIGIN, 'runs', POOL_WORKERS));
        log(`bench: pool, 8 long runs in ${POOL_WORKERS} workers done`);
        report.pool = pool;
        tables.push(markdownTable(formatPool(pool)));
      }
    });
  }
  console.log(`\nmachine: ${machine}\n\n${tables.join('\n\n')}\n`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/latest.json', JSON.stringify(report, null, 2));
}

await main();
