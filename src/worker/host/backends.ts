/**
 * Registers every tfjs backend the browser worker can use: webgpu, webgl, wasm (files served by
 * Vite, threaded build when the page is cross-origin isolated) and cpu, plus our fast filter-gradient
 * kernel for wasm (which lacks one) and cpu (whose own is slow).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKENDS, type BackendName } from '../../shared/backends';
import { registerCpuAndWasm } from '../../engine/backend/cpuWasm';

/**
 * Register the backends once; returns those tfjs now knows.
 *
 * The threaded wasm build stays off: tfjs rebuilds its pthread workers from the factory's source
 * text (`factory.toString()`), which loses the module-scope `_scriptDir` once bundled (and minified
 * names besides), so `setBackend('wasm')` never resolves in a production build. One thread is what
 * tfjs would use on a 2-core machine anyway; parallel runs belong in separate workers.
 */
export function registerBrowserBackends(): BackendName[] {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  registerCpuAndWasm();
  return BACKENDS.filter((name) => tf.findBackendFactory(name) !== null);
}

/** True when the wasm backend runs its multi-threaded build. */
export async function wasmUsesThreads(): Promise<boolean> {
  return (
    tf.getBackend() === 'wasm' && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true
  );
}
