/**
 * Chooses a tfjs backend by timing a few real training steps on each candidate, not by a fixed
 * order: software WebGL/WebGPU can be 10-70x slower than wasm on a machine without a GPU, while on
 * a laptop with one they may win. Backends must be registered before probing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../gradients';
import type { BackendName, ProbeResult } from '../../shared/backends';
import { DEFAULT_RUN_CONFIG } from '../../shared/runConfig';
import { buildCnn, CLASSES, IMAGE_SIDE } from '../model/cnn';
import { crossEntropy } from '../model/loss';
import { Prng } from '../random/prng';
import { errorMessage } from '../../shared/errorMessage';

/** Examples per probe step (the blog's batch size). */
const PROBE_BATCH = 20;
/** Time spent timing steps after warm-up, per backend, ms. */
const PROBE_MEASURE_MS = 250;
/** Timed steps at least / at most. */
const PROBE_MIN_STEPS = 2;
const PROBE_MAX_STEPS = 8;
/** A backend whose warm-up plus steps exceed this is abandoned as too slow, ms. */
const PROBE_BACKEND_BUDGET_MS = 2500;
/** The whole probe's time, ms: backends after the first get what is left of it. */
const PROBE_TOTAL_BUDGET_MS = 1900;
/** Less time than this left: the remaining backends are not tried, ms. */
const PROBE_MIN_BUDGET_MS = 150;
/** The order to probe: wasm first, as the reliable baseline; cpu only when nothing else works. */
const PROBE_ORDER: BackendName[] = ['wasm', 'webgpu', 'webgl'];

/** Time as the host keeps it (the engine has no timer globals of its own). */
export interface ProbeTimer {
  /** Monotonic milliseconds. */
  now(): number;
  /** Resolve after `ms` milliseconds. */
  delay(ms: number): Promise<void>;
}

/**
 * Time training steps of the default CNN on the current backend: [warm-up ms, median ms]. Stops
 * after the step in flight once `abandoned.value` is set (the probe gave up waiting), so a slow
 * backend's leftover steps never run on the backend chosen next.
 */
async function timeSteps(
  timer: ProbeTimer,
  abandoned: { value: boolean },
): Promise<[number, number]> {
  const rng = new Prng(0);
  const network = buildCnn(DEFAULT_RUN_CONFIG.model, rng);
  const optimizer = tf.train.sgd(0.01);
  const pixels = Float32Array.from({ length: PROBE_BATCH * IMAGE_SIDE * IMAGE_SIDE }, () =>
    rng.next(),
  );
  const x = tf.tensor4d(pixels, [PROBE_BATCH, IMAGE_SIDE, IMAGE_SIDE, 1]);
  const y = tf.tensor1d(
    Int32Array.from({ length: PROBE_BATCH }, (_, i) => i % CLASSES),
    'int32',
  );
  const step = async (): Promise<number> => {
    const t0 = timer.now();
    const loss = optimizer.minimize(
      () => crossEntropy(network.forward(x, { mode: 'train' }).logits, y),
      true,
      network.trainable,
    );
    await loss?.data();
    loss?.dispose();
    return timer.now() - t0;
  };
  try {
    const warmup = await step();
    const times: number[] = [];
    const start = timer.now();
    while (
      !abandoned.value &&
      (times.length < PROBE_MIN_STEPS ||
        (times.length < PROBE_MAX_STEPS && timer.now() - start < PROBE_MEASURE_MS))
    ) {
      times.push(await step());
    }
    times.sort((a, b) => a - b);
    return [warmup, times[Math.floor(times.length / 2)] ?? warmup];
  } finally {
    network.dispose();
    optimizer.dispose();
    x.dispose();
    y.dispose();
  }
}

/**
 * Switch to `backend` and time it; never throws. A backend with no result within `budgetMs` is
 * reported 'too-slow' (pass Infinity when the user forced it: slow is then their call).
 */
export async function probeBackend(
  backend: BackendName,
  timer: ProbeTimer,
  budgetMs = PROBE_BACKEND_BUDGET_MS,
): Promise<ProbeResult> {
  try {
    const ok = await tf.setBackend(backend);
    if (!ok || tf.getBackend() !== backend) {
      return { backend, outcome: 'unavailable', message: 'the browser does not offer it' };
    }
    const abandoned = { value: false };
    const timed = await Promise.race([
      timeSteps(timer, abandoned),
      ...(Number.isFinite(budgetMs) ? [timer.delay(budgetMs).then(() => 'timeout' as const)] : []),
    ]);
    if (timed === 'timeout') {
      abandoned.value = true;
      return {
        backend,
        outcome: 'too-slow',
        message: `no result within ${budgetMs} ms`,
      };
    }
    const [warmupMs, msPerStep] = timed;
    return { backend, outcome: 'ok', warmupMs, msPerStep };
  } catch (error) {
    return {
      backend,
      outcome: 'failed',
      message: errorMessage(error),
    };
  }
}

/**
 * Probe the candidates in PROBE_ORDER (those not in `available` are skipped, those in `known`
 * already measured) within PROBE_TOTAL_BUDGET_MS once one works, fall back to cpu when none works,
 * and leave the fastest one active. Returns it with every result.
 */
export async function chooseFastestBackend(
  available: readonly BackendName[],
  timer: ProbeTimer,
  known: readonly ProbeResult[] = [],
): Promise<{ backend: BackendName; results: ProbeResult[] }> {
  const results: ProbeResult[] = [];
  const deadline = timer.now() + PROBE_TOTAL_BUDGET_MS;
  for (const backend of PROBE_ORDER) {
    const measured = known.find((r) => r.backend === backend);
    const left = deadline - timer.now();
    const tried = results.some((r) => r.outcome === 'ok');
    results.push(
      measured ??
        (!available.includes(backend)
          ? { backend, outcome: 'skipped', message: 'not registered here' }
          : tried && left < PROBE_MIN_BUDGET_MS
            ? { backend, outcome: 'too-slow', message: 'not tried: the probe’s time was up' }
            : await probeBackend(
                backend,
                timer,
                tried ? Math.min(PROBE_BACKEND_BUDGET_MS, left) : PROBE_BACKEND_BUDGET_MS,
              )),
    );
  }
  const fastest = results
    .filter((r) => r.outcome === 'ok')
    .sort((a, b) => (a.msPerStep ?? Infinity) - (b.msPerStep ?? Infinity))[0];
  if (fastest) {
    await tf.setBackend(fastest.backend);
    return { backend: fastest.backend, results };
  }
  const cpu = await probeBackend('cpu', timer);
  results.push(cpu);
  if (cpu.outcome !== 'ok') throw new Error(`no tfjs backend works: ${cpu.message ?? ''}`);
  return { backend: 'cpu', results };
}
