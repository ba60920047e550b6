/**
 * Is a GPU backend here only a software renderer (SwiftShader, llvmpipe)? Then it trains 20-50x
 * slower than wasm (see docs/benchmark.md) and the probe skips it instead of spending its time
 * budget on it; the Backend menu can still force it.
 */

/** What the renderer strings of software GPUs contain. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The parts of WebGPU's adapter this check reads (the worker's lib has no WebGPU types). */
interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

async function webgpuSoftware(): Promise<string | null> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return null; // not offered: the probe says so itself
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter)
    return 'a fallback (software) adapter';
  const { vendor = '', architecture = '', device = '', description = '' } = adapter.info ?? {};
  const text = `${vendor} ${architecture} ${device} ${description}`;
  return SOFTWARE.test(text) ? `a software renderer (${text.trim()})` : null;
}

function webglSoftware(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return SOFTWARE.test(renderer) ? `a software renderer (${renderer})` : null;
}

/** Why `backend` runs in software here, or null when it has hardware or we cannot tell. */
export async function softwareGpu(backend: 'webgpu' | 'webgl'): Promise<string | null> {
  try {
    return backend === 'webgpu' ? await webgpuSoftware() : webglSoftware();
  } catch {
    return null;
  }
}
