import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseFastestBackend,
  probeBackend,
  type ProbeTimer,
} from '../../../src/engine/backend/probe';
import { useBackend } from '../../helpers/engine';

const timer: ProbeTimer = {
  now: () => performance.now(),
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

describe('backend probe', () => {
  beforeAll(() => useBackend('cpu'));

  it('times real training steps on a backend that works', async () => {
    const result = await probeBackend('wasm', timer);
    expect(result.outcome).toBe('ok');
    expect(result.msPerStep).toBeGreaterThan(0);
    expect(result.warmupMs).toBeGreaterThan(0);
  });

  it('reports a backend that is not registered as unavailable, without throwing', async () => {
    const result = await probeBackend('webgpu', timer);
    expect(result.outcome).not.toBe('ok');
  });

  it('chooses among the registered backends, leaves it active and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const { backend, results } = await chooseFastestBackend(['wasm', 'cpu'], timer);
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(results.map((r) => [r.backend, r.outcome])).toEqual([
      ['wasm', 'ok'],
      ['webgpu', 'skipped'],
      ['webgl', 'skipped'],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('tries no more backends once its total time is spent', async () => {
    // A clock that runs 500 ms per reading: wasm's probe alone uses up the 1.9 s.
    let now = 0;
    const slowClock: ProbeTimer = { now: () => (now += 500), delay: timer.delay };
    const { backend, results } = await chooseFastestBackend(['wasm', 'webgpu', 'webgl'], slowClock);
    expect(backend).toBe('wasm');
    expect(results.map((r) => [r.backend, r.outcome])).toEqual([
      ['wasm', 'ok'],
      ['webgpu', 'too-slow'],
      ['webgl', 'too-slow'],
    ]);
    expect(results[1]?.message).toMatch(/time was up/);
  });

  it('falls back to cpu when no other backend works', async () => {
    const { backend, results } = await chooseFastestBackend([], timer);
    expect(backend).toBe('cpu');
    expect(results.at(-1)).toMatchObject({ backend: 'cpu', outcome: 'ok' });
  });
});
