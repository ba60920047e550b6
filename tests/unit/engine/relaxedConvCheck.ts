/**
 * Run by relaxedConv.test.ts in a Node started with relaxed SIMD on (as Chromium has it): runs
 * every forward conv case through our kernels, and its filter gradient, and prints, as JSON,
 * whether the relaxed build was the one instantiated and each case's errors against float64 loops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerCpuAndWasm } from '../../../src/engine/backend/cpuWasm';
import '../../../src/engine/gradients';
import { convCalls } from '../../../src/engine/kernels/conv2dForward';
import { backendMemory, fusedConvolutions } from '../../../src/engine/kernels/wasm/heapKernels';
import { Prng } from '../../../src/engine/random/prng';
import { convByLoops, CONV_CASES, filterGradByLoops, relError } from './convFixtures';

registerCpuAndWasm();
await tf.setBackend('wasm');
const rng = new Prng(7);
const cases = CONV_CASES.map((c) => {
  const size = (s: number[]) => s.reduce((a, b) => a * b);
  const xv = Float32Array.from({ length: size(c.x) }, () => (c.blank ? 0 : rng.normal()));
  const wv = Float32Array.from({ length: size(c.w) }, () => rng.normal());
  const x = tf.tensor4d(xv, c.x);
  const y = tf.conv2d(x, tf.tensor4d(wv, c.w), 1, c.pad);
  const error = relError(y.dataSync(), convByLoops(xv, c.x, wv, c.w, y.shape, c.top, c.left));
  // The filter gradient for a random output gradient dy: d/dW of sum(conv2d(x, W) * dy).
  const dyv = Float32Array.from({ length: y.size }, () => rng.normal());
  const dy = tf.tensor(dyv, y.shape);
  const dw = tf.grad((w: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, 1, c.pad), dy)),
  )(tf.tensor4d(wv, c.w));
  const loops = filterGradByLoops(xv, c.x, dyv, y.shape, c.w, c.top, c.left);
  return { name: c.name, error, filterGradError: relError(dw.dataSync(), loops) };
});
const memory = backendMemory(tf.backend());
const fused = memory !== null && fusedConvolutions(memory);
console.log(JSON.stringify({ fused, simdCalls: convCalls.simd, cases }));
