/** The committed wasm kernels module is what kernels.wat compiles to. */
import { describe, expect, it } from 'vitest';
import { compileKernels, kernelsModule } from '../../../scripts/wasm-kernels';
import {
  KERNELS_WASM_HEX,
  KERNELS_WASM_RELAXED_HEX,
  KERNELS_WASM_RELAXED_SHARED_HEX,
  KERNELS_WASM_SHARED_HEX,
} from '../../../src/engine/kernels/wasm/kernelsWasm';

describe('wasm kernels module', () => {
  it('matches kernels.wat (run `npm run wasm-kernels` after editing it)', async () => {
    const built = await compileKernels();
    expect(built.plain).toBe(KERNELS_WASM_HEX);
    expect(built.shared).toBe(KERNELS_WASM_SHARED_HEX);
    expect(built.relaxedPlain).toBe(KERNELS_WASM_RELAXED_HEX);
    expect(built.relaxedShared).toBe(KERNELS_WASM_RELAXED_SHARED_HEX);
    // The relaxed build differs from the plain one in the convolutions' multiply-adds only.
    expect(built.relaxedPlain).not.toBe(built.plain);
    expect(built.relaxedPlain.length).toBeLessThan(built.plain.length);
    expect(kernelsModule(built)).toContain(built.plain);
  });
});
