/**
 * The relaxed-SIMD build of our conv kernels (the one Chromium runs): Node 20 validates relaxed SIMD
 * only behind a flag, so a child Node started with it runs relaxedConvCheck.ts and reports.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONV_CASES } from './convFixtures';

const CHECK = fileURLToPath(new URL('./relaxedConvCheck.ts', import.meta.url));
/** The resolve hook that lets Node load tfjs-core's ESM build (as the CLI and bench do). */
const NODE_ESM = new URL('../../../src/cli/nodeEsm.mjs', import.meta.url).href;

interface Report {
  fused: boolean;
  simdCalls: number;
  cases: { name: string; error: number; filterGradError: number }[];
}

describe('conv kernels with relaxed SIMD', () => {
  it('instantiate the fused build; convolutions and filter gradients match float64 loops', () => {
    const out = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', '--import', NODE_ESM, CHECK],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '') as Report;
    expect(report.fused).toBe(true);
    // Each case's forward convolution, and again inside the filter gradient's tf.grad.
    expect(report.simdCalls).toBe(2 * CONV_CASES.length);
    expect(report.cases.map((c) => c.name)).toEqual(CONV_CASES.map((c) => c.name));
    for (const c of report.cases) {
      expect(c.error, c.name).toBeLessThanOrEqual(1e-5);
      expect(c.filterGradError, c.name).toBeLessThanOrEqual(1e-5);
    }
  });
});
