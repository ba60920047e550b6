import { describe, expect, it } from 'vitest';
import { decodeCheckpointFile, encodeCheckpointFile } from '../../../src/shared/checkpointFile';
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

/** A checkpoint with awkward values: NaN payloads, -0, denormals, odd lengths (padding). */
function sample(): TrainerCheckpoint {
  const odd = new Float32Array([1.5, -0, NaN, 1e-40, -3.25]);
  new Uint32Array(odd.buffer)[2] = 0x7fc12345; // a NaN with a payload: bits must survive
  return {
    version: 1,
    step: 3,
    elapsedMs: 12.5,
    trainable: [
      { shape: [5], data: odd },
      { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
    ],
    state: [{ shape: [1], data: new Float32Array([0.1]) }],
    optimizer: [{ shape: [], data: new Float32Array([7]) }],
    sampler: {
      order: new Uint32Array([4, 0, 3, 0xffffffff, 2]),
      cursor: 2,
      rng: [1, 2, 3, 0xffffffff],
    },
    noise: [null, [5, 6, 7, 8]],
  };
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** Decode and return the error message. */
function failure(bytes: Uint8Array): string {
  try {
    decodeCheckpointFile(bytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('decoded without an error');
}

/** Re-encode with the header edited by `edit`, keeping the data section's bytes. */
function withHeader(
  bytes: Uint8Array,
  edit: (header: Record<string, unknown>) => void,
): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Record<
    string,
    unknown
  >;
  edit(header);
  const oldStart = Math.ceil((12 + length) / 8) * 8;
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + text.length) / 8) * 8;
  const out = new Uint8Array(start + bytes.length - oldStart);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(text, 12);
  out.set(bytes.subarray(oldStart), start);
  return out;
}

describe('checkpoint files', () => {
  it('round-trips a checkpoint and its config bit for bit', () => {
    const c = sample();
    const bytes = encodeCheckpointFile(c, DEFAULT_RUN_CONFIG);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('BNLABCK1');
    const { checkpoint, config } = decodeCheckpointFile(bytes);
    expect(config).toEqual(DEFAULT_RUN_CONFIG);
    expect(checkpoint.step).toBe(3);
    expect(checkpoint.elapsedMs).toBe(12.5);
    expect(checkpoint.noise).toEqual(c.noise);
    expect(checkpoint.sampler?.cursor).toBe(2);
    expect(checkpoint.sampler?.rng).toEqual(c.sampler?.rng);
    expect(Array.from(checkpoint.sampler?.order ?? [])).toEqual(Array.from(c.sampler?.order ?? []));
    for (const group of ['trainable', 'state', 'optimizer'] as const) {
      expect(checkpoint[group].map((t) => t.shape)).toEqual(c[group].map((t) => t.shape));
      expect(checkpoint[group].map((t) => bits(t.data))).toEqual(c[group].map((t) => bits(t.data)));
    }
  });

  it('reads a file from a Node Buffer that is a view into a larger one', () => {
    const bytes = encodeCheckpointFile(sample(), DEFAULT_RUN_CONFIG);
    const view = Buffer.concat([Buffer.alloc(3), Buffer.from(bytes)]).subarray(3);
    const { checkpoint } = decodeCheckpointFile(view);
    expect(checkpoint.trainable[1]?.data).toEqual(new Float32Array([1, 2, 3, 4, 5, 6]));
  });

  it('aligns the data section and every tensor to 8 bytes', () => {
    const bytes = encodeCheckpointFile(sample(), DEFAULT_RUN_CONFIG);
    const length = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as {
      tensors: { offset: number; length: number }[];
    };
    const start = Math.ceil((12 + length) / 8) * 8;
    for (const t of header.tensors) {
      expect((start + t.offset) % 8).toBe(0);
      expect(start + t.offset + t.length).toBeLessThanOrEqual(bytes.length);
    }
  });

  it('keeps full-batch checkpoints (no sampler)', () => {
    const bytes = encodeCheckpointFile({ ...sample(), sampler: null }, DEFAULT_RUN_CONFIG);
    expect(decodeCheckpointFile(bytes).checkpoint.sampler).toBeNull();
  });

  it('refuses corrupt files with a clear message', () => {
    const good = encodeCheckpointFile(sample(), DEFAULT_RUN_CONFIG);
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    expect(failure(badMagic)).toMatch(/not a bnlab checkpoint file \(bad magic/);
    expect(failure(good.subarray(0, 5))).toMatch(/truncated/);
    expect(failure(good.subarray(0, 40))).toMatch(/truncated \(its header needs \d+ bytes/);
    expect(failure(good.subarray(0, good.length - 8))).toMatch(
      /tensor sampler\/order .* lies outside the data section .* truncated or corrupt/,
    );
    const notJson = good.slice();
    notJson[12] = 0x21; // "!" where "{" was
    expect(failure(notJson)).toMatch(/the header is not JSON/);
    expect(failure(withHeader(good, (h) => (h.version = 2)))).toMatch(
      /checkpoint file version 2; this bnlab reads version 1/,
    );
    expect(failure(withHeader(good, (h) => (h.format = 'other')))).toMatch(/format is not/);
    expect(
      failure(withHeader(good, (h) => ((h.config as Record<string, unknown>).steps = -1))),
    ).toMatch(/its config is invalid: steps/);
    expect(
      failure(
        withHeader(good, (h) => {
          const tensors = h.tensors as { offset: number }[];
          (tensors[0] as { offset: number }).offset = 1 << 20;
        }),
      ),
    ).toMatch(/tensor trainable\/0 .* lies outside the data section/);
    expect(
      failure(
        withHeader(good, (h) => {
          const tensors = h.tensors as { length: number }[];
          (tensors[1] as { length: number }).length = 8;
        }),
      ),
    ).toMatch(/shape \[2, 3\] needs 24 bytes, not 8/);
  });
});
