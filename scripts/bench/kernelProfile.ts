/**
 * Where a training step's time goes, on wasm in Node: tf.profile over steps of each case, summed by
 * kernel and input shape. A kernel's time is the engine's wall time around it (our kernels that
 * call other kernels include those); what the step spends outside kernels (the tape, tidy, reading
 * the metrics back) is the difference to the step's mean.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BENCH_WARMUP_STEPS, timeTrainingSteps } from '../../src/bench/timeSteps.ts';
import { BENCH_CASES, benchConfig } from '../../src/bench/benchCases.ts';

/** Profiled steps per case. */
const PROFILED_STEPS = 20;
/** Kernels listed per case, by time. */
const TOP_KERNELS = 10;

interface KernelRow {
  /** Kernel name and its first input's shape, e.g. "Conv2D 20x14x14x8". */
  kernel: string;
  msPerStep: number;
  callsPerStep: number;
}

export interface KernelProfile {
  caseId: string;
  /** Mean ms per step, profiled. */
  stepMs: number;
  kernelsPerStep: number;
  kernelMsPerStep: number;
  top: KernelRow[];
}

export async function kernelProfiles(log: (line: string) => void): Promise<KernelProfile[]> {
  const profiles: KernelProfile[] = [];
  for (const c of BENCH_CASES) {
    const budget = { minSteps: PROFILED_STEPS, maxSteps: PROFILED_STEPS, budgetMs: Infinity };
    // A run first, unprofiled: the profile should not see the JIT and XNNPACK warming up.
    await timeTrainingSteps(benchConfig(c), () => performance.now(), budget);
    let stepMs = NaN;
    const info = await tf.profile(async () => {
      const timing = await timeTrainingSteps(benchConfig(c), () => performance.now(), budget);
      stepMs = timing.meanMs;
    });
    const byKernel = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const key = `${k.name} ${(k.inputShapes[0] ?? []).join('x')}`;
      const sum = byKernel.get(key) ?? { ms: 0, calls: 0 };
      sum.ms += k.kernelTimeMs as number;
      sum.calls += 1;
      byKernel.set(key, sum);
    }
    // Warm-up steps are profiled too: divide by every step the trainer took.
    const steps = PROFILED_STEPS + BENCH_WARMUP_STEPS;
    const rows = [...byKernel.entries()]
      .map(([kernel, { ms, calls }]) => ({
        kernel,
        msPerStep: ms / steps,
        callsPerStep: calls / steps,
      }))
      .sort((a, b) => b.msPerStep - a.msPerStep);
    profiles.push({
      caseId: c.id,
      stepMs,
      kernelsPerStep: info.kernels.length / steps,
      kernelMsPerStep: rows.reduce((sum, r) => sum + r.msPerStep, 0),
      top: rows.slice(0, TOP_KERNELS),
    });
    log(`bench: kernels of ${c.id} done`);
  }
  return profiles;
}

/** One table per case: its top kernels, then the totals. */
export function formatKernelProfile(p: KernelProfile): string[][] {
  return [
    [`${p.caseId}: kernel, first input`, 'ms/step', 'calls/step'],
    ...p.top.map((r) => [r.kernel, r.msPerStep.toFixed(3), r.callsPerStep.toFixed(1)]),
    [
      `all ${p.kernelsPerStep.toFixed(0)} kernels (step: ${p.stepMs.toFixed(1)} ms profiled)`,
      p.kernelMsPerStep.toFixed(2),
      p.kernelsPerStep.toFixed(0),
    ],
  ];
}
