/** Runs the benchmark cases on each requested backend inside a worker and reports rows. */
import * as tf from '@tensorflow/tfjs-core';
import { timeMeasuredCases, timeTrainingSteps } from '../timeSteps';
import { arrayKernelCalls } from '../../engine/kernels/arrayKernels';
import { convolutionCounts } from '../convolutionCounts';
import { BENCH_CASES, benchConfig, type BenchRow } from '../benchCases';
import { BACKENDS, type BackendName } from '../../shared/backends';
import { loadBackends, registerBrowserBackends } from '../../worker/host/backends';
import { errorMessage } from '../../shared/errorMessage';

/** Time budget per case and backend, ms (software WebGL/WebGPU take seconds per step here). */
const CASE_BUDGET_MS = 5000;

export async function runBenchmark(
  requested: BackendName[],
  report: (row: BenchRow) => void,
): Promise<void> {
  registerBrowserBackends();
  const available = await loadBackends(requested);
  for (const backend of BACKENDS.filter((b) => requested.includes(b))) {
    const row: BenchRow = { where: 'chromium worker', backend, cells: [] };
    try {
      if (
        !available.includes(backend) ||
        !(await tf.setBackend(backend)) ||
        tf.getBackend() !== backend
      ) {
        report({ ...row, note: 'unavailable' });
        continue;
      }
      const calls = { ...arrayKernelCalls };
      const convolutions = convolutionCounts();
      for (const c of BENCH_CASES) {
        const timing = await timeTrainingSteps(benchConfig(c), () => performance.now(), {
          minSteps: 3,
          maxSteps: 30,
          budgetMs: CASE_BUDGET_MS,
        });
        row.cells.push({ caseId: c.id, ...timing });
      }
      // The CPU path a classroom runs on also gets the measured columns (seconds per case elsewhere).
      if (backend === 'wasm') {
        row.cells.push(...(await timeMeasuredCases(() => performance.now())));
      }
      report({
        ...row,
        arrayKernels: {
          simd: arrayKernelCalls.simd - calls.simd,
          js: arrayKernelCalls.js - calls.js,
        },
        ...(backend === 'wasm' ? { convolutions: convolutions() } : {}),
      });
    } catch (error) {
      report({ ...row, note: errorMessage(error) });
    }
  }
}
