/**
 * The tfjs backends the browser worker can use: wasm (files served by Vite) and cpu, registered at
 * once with our fast kernels; webgpu and webgl, each its own chunk, loaded only when they are
 * probed or chosen (a remembered wasm choice never downloads them).
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKENDS, type BackendName } from '../../shared/backends';
import { registerCpuAndWasm } from '../../engine/backend/cpuWasm';

/** The GPU backends' modules: importing one registers it. */
const GPU_MODULES: Partial<Record<BackendName, () => Promise<unknown>>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
};

/** Load (once) the modules of these backends; returns every backend tfjs now knows. */
export async function loadBackends(names: readonly BackendName[]): Promise<BackendName[]> {
  await Promise.all(
    names.map(async (name) => {
      try {
        await GPU_MODULES[name]?.();
      } catch {
        // A chunk that fails to load (offline before it was cached) leaves that backend out.
      }
    }),
  );
  return registeredBackends();
}

/** The backends tfjs knows now. */
function registeredBackends(): BackendName[] {
  return BACKENDS.filter((name) => tf.findBackendFactory(name) !== null);
}

/**
 * Register wasm and cpu once; returns the backends tfjs now knows.
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
  return registeredBackends();
}

/** True when the wasm backend runs its multi-threaded build. */
export async function wasmUsesThreads(): Promise<boolean> {
  return (
    tf.getBackend() === 'wasm' && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true
  );
}
