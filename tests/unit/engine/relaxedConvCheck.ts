/**
 * Run by relaxedConv.test.ts in a Node started with relaxed SIMD on (as Chromium has it): runs
 * every forward conv case through our kernels and prints, as JSON, whether the relaxed build was
 * the one instantiated and each case's error against float64 loops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import { convCalls } from '../../../src/engine/kernels/conv2dForward';
import { backendMemory, fusedConvolutions } from '../../../src/engine/kernels/wasm/heapKernels';
import { Prng } from '../../../src/engine/random/prng';
import { convByLoops, CONV_CASES, relError } from './convFixtures';

registerCpuAndWasm();
await tf.setBackend('wasm');
const rng = new Prng(7);
const cases = CONV_CASES.map((c) => {
  const size = (s: number[]) => s.reduce((a, b) => a * b);
  const xv = Float32Array.from({ length: size(c.x) }, () => (c.blank ? 0 : rng.normal()));
  const wv = Float32Array.from({ length: size(c.w) }, () => rng.normal());
  const y = tf.conv2d(tf.tensor4d(xv, c.x), tf.tensor4d(wv, c.w), 1, c.pad);
  const error = relError(y.dataSync(), convByLoops(xv, c.x, wv, c.w, y.shape, c.top, c.left));
  return { name: c.name, error };
});
const memory = backendMemory(tf.backend());
const fused = memory !== null && fusedConvolutions(memory);
console.log(JSON.stringify({ fused, simdCalls: convCalls.simd, cases }));
