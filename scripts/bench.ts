/**
 * `npm run bench`: milliseconds per training step of the default CNN, plain and with BN, at batch
 * 20 and 64, on every backend available in Node and in headless Chromium (production build, in a
 * Web Worker), beside PyTorch CPU on one thread when /usr/bin/python3 has torch. Prints one table
 * and writes bench-results/latest.json. A benchmark, not a test: nothing here asserts a speed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.ts';
import { registerCpuAndWasm } from '../src/engine/backend/cpuWasm.ts';
import { timeTrainingSteps } from '../src/engine/bench/timeSteps.ts';
import { BENCH_CASES, benchConfig, type BenchRow } from '../src/shared/benchCases.ts';

declare global {
  interface Window {
    /** Set by bench.html (src/benchMain.ts). */
    benchResults?: { rows: BenchRow[]; done: boolean };
  }
}

/** Port of the preview server the browser rows use. */
const PORT = 4188;
const PYTHON = '/usr/bin/python3';
/** WebGPU needs this flag here (its SwiftShader adapter); the benchmark wants every backend. */
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--enable-unsafe-webgpu'];

async function nodeRows(): Promise<BenchRow[]> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the table's output
  registerCpuAndWasm();
  const rows: BenchRow[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    const row: BenchRow = { where: 'node', backend, cells: [] };
    for (const c of BENCH_CASES) {
      const budget = backend === 'cpu' ? { minSteps: 3, maxSteps: 10, budgetMs: 3000 } : {};
      row.cells.push({
        caseId: c.id,
        ...(await timeTrainingSteps(benchConfig(c), () => performance.now(), budget)),
      });
    }
    rows.push(row);
    process.stderr.write(`bench: node ${backend} done\n`);
  }
  return rows;
}

async function browserRows(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM_PATH)) {
    return [
      {
        where: 'chromium worker',
        backend: '-',
        cells: [],
        note: `no Chromium at ${CHROMIUM_PATH}`,
      },
    ];
  }
  if (!existsSync('dist/bench.html')) {
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    for (let i = 0; i < 50; i++) {
      try {
        await page.goto(`http://127.0.0.1:${PORT}/bench.html`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.waitForFunction(() => window.benchResults?.done === true, null, {
      timeout: 600_000,
      polling: 1000,
    });
    const rows = await page.evaluate(() => window.benchResults?.rows ?? []);
    process.stderr.write('bench: chromium done\n');
    return rows;
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

/** PyTorch CPU, one thread, same model (same padding): the reference the targets are ratios to. */
function torchRow(): BenchRow {
  const row: BenchRow = { where: 'pytorch cpu', backend: '1 thread', cells: [] };
  const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch']).status === 0;
  if (!hasTorch)
    return { ...row, note: `skipped: ${PYTHON} has no torch (apt-get install python3-torch)` };
  for (const batch of [20, 64]) {
    const out = spawnSync(
      PYTHON,
      ['scripts/reference/bench-torch.py', '--threads', '1', '--batch', String(batch)],
      {
        encoding: 'utf8',
      },
    );
    for (const line of out.stdout.split('\n')) {
      const match = /^(cnn\+bn|cnn)\s+median ([\d.]+) ms\/step\s+min ([\d.]+)\s+max ([\d.]+)/.exec(
        line,
      );
      if (!match) continue;
      row.cells.push({
        caseId: `${match[1] === 'cnn' ? 'plain' : 'bn'} b${batch}`,
        medianMs: Number(match[2]),
        p90Ms: NaN,
        steps: 50,
        tensorsStart: NaN,
        tensorsEnd: NaN,
      });
    }
  }
  return row;
}

function formatTable(rows: BenchRow[]): string {
  const header = [
    'where',
    'backend',
    ...BENCH_CASES.map((c) => `${c.id} med/p90 ms`),
    'tensors start→end',
  ];
  const reference = rows.find((r) => r.where === 'pytorch cpu' && r.cells.length > 0);
  const lines = rows.map((row) => {
    if (row.note && row.cells.length === 0) return [row.where, row.backend, row.note];
    const cells = BENCH_CASES.map((c) => {
      const cell = row.cells.find((x) => x.caseId === c.id);
      if (!cell) return '–';
      const ref = reference?.cells.find((x) => x.caseId === c.id);
      const ratio =
        ref && row !== reference ? ` (${(cell.medianMs / ref.medianMs).toFixed(1)}x)` : '';
      const p90 = Number.isFinite(cell.p90Ms) ? `/${cell.p90Ms.toFixed(1)}` : '';
      return `${cell.medianMs.toFixed(1)}${p90}${ratio}`;
    });
    const tensors = row.cells
      .filter((c) => Number.isFinite(c.tensorsStart))
      .map((c) => `${c.tensorsStart}→${c.tensorsEnd}`);
    return [
      row.where,
      row.backend,
      ...cells,
      tensors.length ? [...new Set(tensors)].join(', ') : '–',
    ];
  });
  const table = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) => `| ${r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    fmt(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(fmt),
  ].join('\n');
}

async function main(): Promise<void> {
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows = [...(await nodeRows()), ...(await browserRows()), torchRow()];
  const table = formatTable(rows);
  console.log(
    `\nms per training step (median/p90; ratio to PyTorch 1 thread in brackets)\nmachine: ${machine}\n\n${table}\n`,
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/latest.json',
    JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2),
  );
}

await main();
