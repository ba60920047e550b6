/** tfjs backends the app can train on, fastest-first on a machine with a real GPU. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the user asks for: one backend, or 'auto' (chosen by a measured probe). */
export type BackendChoice = BackendName | 'auto';

/** How one backend fared in the probe. */
export interface ProbeResult {
  backend: BackendName;
  outcome: 'ok' | 'unavailable' | 'failed' | 'too-slow' | 'skipped';
  /** Median milliseconds per probe training step (default CNN, batch 20), when measured. */
  msPerStep?: number;
  /** Milliseconds of the first step (shader compilation, kernel setup). */
  warmupMs?: number;
  /** Why it is unavailable or failed. */
  message?: string;
}
