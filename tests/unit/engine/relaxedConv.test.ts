/**
 * The relaxed-SIMD build of our conv kernels (the one Chromium runs): Node 20 validates relaxed SIMD
 * only behind a flag, so a child Node started with it runs relaxedConvCheck.ts and reports.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONV_CASES } from './convFixtures';

const CHECK = fileURLToPath(new URL('./relaxedConvCheck.ts', import.meta.url));

interface Report {
  fused: boolean;
  simdCalls: number;
  cases: { name: string; error: number }[];
}

describe('conv kernels with relaxed SIMD', () => {
  it('instantiate the fused build and match float64 loops on every case', () => {
    const out = execFileSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', CHECK],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '') as Report;
    expect(report.fused).toBe(true);
    expect(report.simdCalls).toBe(CONV_CASES.length);
    expect(report.cases.map((c) => c.name)).toEqual(CONV_CASES.map((c) => c.name));
    for (const c of report.cases) expect(c.error, c.name).toBeLessThanOrEqual(1e-5);
  });
});
