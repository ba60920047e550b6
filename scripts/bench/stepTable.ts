/**
 * The step table: ms per training step of the default CNN, plain and with BN, at batch 20 and 64, on
 * wasm and cpu in Node and on every backend in headless Chromium (production build, in a Web
 * Worker), beside PyTorch CPU on one thread when /usr/bin/python3 has torch. wasm rows also time
 * each case with every measurement on ("+m": the mean, since a measurement every k steps costs
 * once per k steps).
 */
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { registerCpuAndWasm } from '../../src/engine/backend/cpuWasm.ts';
import { timeMeasuredCases, timeTrainingSteps } from '../../src/bench/timeSteps.ts';
import { arrayKernelCalls } from '../../src/engine/kernels/arrayKernels.ts';
import { convolutionCounts } from '../../src/bench/convolutionCounts.ts';
import {
  BENCH_CASES,
  benchConfig,
  MEASURED_CASES,
  type BenchRow,
} from '../../src/bench/benchCases.ts';

declare global {
  interface Window {
    /** Set by bench.html (src/bench/page/benchMain.ts). */
    benchResults?: { rows: BenchRow[]; done: boolean };
  }
}

const PYTHON = '/usr/bin/python3';

export async function nodeRows(log: (line: string) => void): Promise<BenchRow[]> {
  registerCpuAndWasm();
  const rows: BenchRow[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await tf.setBackend(backend);
    const row: BenchRow = { where: 'node', backend, cells: [] };
    const calls = { ...arrayKernelCalls };
    const convolutions = convolutionCounts();
    for (const c of BENCH_CASES) {
      const budget = backend === 'cpu' ? { minSteps: 3, maxSteps: 10, budgetMs: 3000 } : {};
      const timing = await timeTrainingSteps(benchConfig(c), () => performance.now(), budget);
      row.cells.push({ caseId: c.id, ...timing });
    }
    if (backend === 'wasm') {
      row.cells.push(...(await timeMeasuredCases(() => performance.now())));
    }
    row.arrayKernels = {
      simd: arrayKernelCalls.simd - calls.simd,
      js: arrayKernelCalls.js - calls.js,
    };
    if (backend === 'wasm') row.convolutions = convolutions();
    rows.push(row);
    log(`bench: node ${backend} done`);
  }
  return rows;
}

export async function browserRows(browser: Browser, origin: string): Promise<BenchRow[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => window.benchResults?.done === true, null, {
      timeout: 900_000,
      polling: 1000,
    });
    return await page.evaluate(() => window.benchResults?.rows ?? []);
  } finally {
    await page.close();
  }
}

/** PyTorch CPU, one thread, same model (same padding): the reference the targets are ratios to. */
export function torchRow(): BenchRow {
  const row: BenchRow = { where: 'pytorch cpu', backend: '1 thread', cells: [] };
  const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch']).status === 0;
  if (!hasTorch)
    return { ...row, note: `skipped: ${PYTHON} has no torch (apt-get install python3-torch)` };
  for (const batch of [20, 64]) {
    const out = spawnSync(
      PYTHON,
      ['scripts/reference/bench-torch.py', '--threads', '1', '--batch', String(batch)],
      { encoding: 'utf8' },
    );
    for (const line of out.stdout.split('\n')) {
      const match = /^(cnn\+bn|cnn)\s+median ([\d.]+) ms\/step/.exec(line);
      if (!match) continue;
      row.cells.push({
        caseId: `${match[1] === 'cnn' ? 'plain' : 'bn'} b${batch}`,
        medianMs: Number(match[2]),
        meanMs: NaN,
        p90Ms: NaN,
        steps: 50,
        tensorsStart: NaN,
        tensorsEnd: NaN,
      });
    }
  }
  return row;
}

/** Rows of the step table; ratios in brackets are to PyTorch's median of the same case. */
export function formatStepTable(rows: BenchRow[]): string[][] {
  const header = [
    'where',
    'backend',
    ...BENCH_CASES.map((c) => `${c.id} med/p90`),
    ...MEASURED_CASES.map((c) => `${c.id} mean`),
    'tensors start→end',
  ];
  const reference = rows.find((r) => r.where === 'pytorch cpu' && r.cells.length > 0);
  const ratio = (ms: number, caseId: string, row: BenchRow) => {
    const ref = reference?.cells.find((x) => x.caseId === caseId.replace(' +m', ''));
    return ref && row !== reference ? ` (${(ms / ref.medianMs).toFixed(1)}x)` : '';
  };
  const lines = rows.map((row) => {
    if (row.note && row.cells.length === 0) return [row.where, row.backend, row.note];
    const plain = BENCH_CASES.map((c) => {
      const cell = row.cells.find((x) => x.caseId === c.id);
      if (!cell) return '–';
      const p90 = Number.isFinite(cell.p90Ms) ? `/${cell.p90Ms.toFixed(1)}` : '';
      return `${cell.medianMs.toFixed(1)}${p90}${ratio(cell.medianMs, c.id, row)}`;
    });
    const measured = MEASURED_CASES.map((c) => {
      const cell = row.cells.find((x) => x.caseId === c.id);
      return cell ? `${cell.meanMs.toFixed(1)}${ratio(cell.meanMs, c.id, row)}` : '–';
    });
    const tensors = row.cells
      .filter((c) => Number.isFinite(c.tensorsStart))
      .map((c) => `${c.tensorsStart}→${c.tensorsEnd}`);
    return [
      row.where,
      row.backend,
      ...plain,
      ...measured,
      tensors.length ? [...new Set(tensors)].join(', ') : '–',
    ];
  });
  return [header, ...lines];
}

/** Which rows ran our array kernels how: "node wasm: 1234 SIMD, 0 JS loops"; and the convolutions. */
export function arrayKernelLines(rows: BenchRow[]): string[] {
  return rows.flatMap((r) => [
    ...(r.arrayKernels
      ? [
          `${r.where} ${r.backend}: our array kernels ran ${r.arrayKernels.simd} times as wasm SIMD, ${r.arrayKernels.js} as JavaScript loops`,
        ]
      : []),
    ...(r.convolutions
      ? [
          `${r.where} ${r.backend}: forward convolutions ${r.convolutions.simd} by our SIMD kernels ` +
            `(${r.convolutions.fused ? 'fused multiply-adds, relaxed SIMD' : 'multiply then add'}), ` +
            `${r.convolutions.stock} by the stock kernel`,
        ]
      : []),
  ]);
}
