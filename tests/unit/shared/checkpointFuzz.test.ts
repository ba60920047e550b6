/**
 * Crafted and damaged checkpoint files: every one is either read into a consistent checkpoint or
 * refused with a message naming the file's problem, never a crash of another kind, and no
 * allocation grows with what a header claims instead of with the file's size.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/random/prng';
import type { TrainerCheckpoint } from '../../../src/shared/checkpoint';
import {
  CHECKPOINT_MAGIC,
  decodeCheckpointFile,
  encodeCheckpointFile,
  MAX_CHECKPOINT_FILE_BYTES,
  MAX_HEADER_BYTES,
  MAX_TENSORS,
} from '../../../src/shared/checkpointFile';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';

/** A small but real-shaped checkpoint: a few tensors, a sampler, noise states. */
function sample(): Uint8Array {
  const checkpoint: TrainerCheckpoint = {
    version: 1,
    step: 50,
    elapsedMs: 1234.5,
    trainable: [
      { shape: [3, 3, 1, 4], data: new Float32Array(36).map((_, i) => i / 7) },
      { shape: [4], data: new Float32Array([0.1, -0.2, 0.3, -0.4]) },
    ],
    state: [{ shape: [4], data: new Float32Array([1, 1, 1, 1]) }],
    optimizer: [{ shape: [4], data: new Float32Array(4) }],
    sampler: { order: new Uint32Array([3, 1, 2, 0]), cursor: 1, rng: [1, 2, 3, 4] },
    noise: [null, [5, 6, 7, 8]],
  };
  return encodeCheckpointFile(checkpoint, DEFAULT_RUN_CONFIG);
}

/** The file's parts: its JSON header (parsed) and the bytes after it. */
function split(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(CHECKPOINT_MAGIC.length, true);
  const start = CHECKPOINT_MAGIC.length + 4;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, start + length))) as {
    tensors: { name: string; shape: number[]; offset: number; length: number }[];
  } & Record<string, unknown>;
  return { header, data: bytes.subarray(Math.ceil((start + length) / 8) * 8) };
}

/** A file with `header` as its header and `data` as its data section. */
function join(header: unknown, data: Uint8Array, declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = CHECKPOINT_MAGIC.length + 4;
  const dataStart = Math.ceil((start + json.length) / 8) * 8;
  const out = new Uint8Array(dataStart + data.length);
  out.set(new TextEncoder().encode(CHECKPOINT_MAGIC));
  new DataView(out.buffer).setUint32(CHECKPOINT_MAGIC.length, declaredLength ?? json.length, true);
  out.set(json, start);
  out.set(data, dataStart);
  return out;
}

/** Decode: 'ok' with every tensor consistent with its shape, or the refusal's message. */
function outcome(bytes: Uint8Array): string {
  try {
    const { checkpoint } = decodeCheckpointFile(bytes);
    for (const t of [...checkpoint.trainable, ...checkpoint.state, ...checkpoint.optimizer]) {
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
}

const REFUSAL = /^(checkpoint file|not a bnlab checkpoint file)/;

describe('crafted checkpoint files', () => {
  const good = sample();
  const { header, data } = split(good);
  const tensor0 = header.tensors[0] as (typeof header.tensors)[number];
  const withTensor = (patch: Partial<typeof tensor0>) => ({
    ...header,
    tensors: [{ ...tensor0, ...patch }, ...header.tensors.slice(1)],
  });

  it('refuses a header that declares a huge tensor, before allocating it', () => {
    const before = process.memoryUsage().arrayBuffers;
    const huge = outcome(join(withTensor({ shape: [1_000_000_000], length: 4_000_000_000 }), data));
    expect(huge).toMatch(/lies outside the data section/);
    const mismatched = outcome(join(withTensor({ shape: [1_000_000_000] }), data));
    expect(mismatched).toMatch(/needs 4000000000 bytes/);
    expect(outcome(join(withTensor({ shape: [1, 2, 3, 4, 5, 6, 7, 8, 9] }), data))).toMatch(
      /invalid shape/,
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10_000_000);
  });

  it('refuses a header length beyond the file, a 10 MB header, and too many tensors', () => {
    expect(outcome(join(header, data, good.length * 2))).toMatch(/truncated/);
    const big = { ...header, padding: 'x'.repeat(10_000_000) };
    expect(outcome(join(big, data))).toMatch(
      new RegExp(`claims \\d+ bytes; a header has at most ${MAX_HEADER_BYTES}`),
    );
    const many = { ...header, tensors: Array.from({ length: MAX_TENSORS + 1 }, () => tensor0) };
    expect(outcome(join(many, data))).toMatch(/at most 1000/);
  });

  it('refuses negative, misaligned and overlapping offsets', () => {
    expect(outcome(join(withTensor({ offset: -8 }), data))).toMatch(/invalid offset/);
    expect(outcome(join(withTensor({ offset: 2 }), data))).toMatch(/invalid offset/);
    const second = header.tensors[1] as typeof tensor0;
    const overlapping = {
      ...header,
      tensors: [tensor0, { ...second, offset: tensor0.offset + 4 }, ...header.tensors.slice(2)],
    };
    expect(outcome(join(overlapping, data))).toMatch(/overlap/);
  });

  it('refuses a file larger than it reads', () => {
    const fake = new Uint8Array(16);
    fake.set(new TextEncoder().encode(CHECKPOINT_MAGIC));
    Object.defineProperty(fake, 'length', { value: MAX_CHECKPOINT_FILE_BYTES + 1 });
    expect(outcome(fake)).toMatch(/more than the 100000000 read/);
  });

  it('fuzz: every truncation, 2,000 files with flipped bytes and 500 mangled headers are read or refused, nothing else', () => {
    const random = new Prng(20261205);
    const below = (n: number) => random.nextUint32() % n;
    const results: string[] = [];
    const before = process.memoryUsage();
    let peakArrayBuffers = before.arrayBuffers;
    const check = (bytes: Uint8Array) => {
      const result = outcome(bytes);
      if (result !== 'ok') expect(result).toMatch(REFUSAL);
      results.push(result);
      peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
    };
    for (let cut = 0; cut < good.length; cut += 7) check(good.slice(0, cut));
    for (let i = 0; i < 2000; i++) {
      const bytes = good.slice();
      const flips = 1 + below(8);
      for (let f = 0; f < flips; f++) bytes[below(bytes.length)] = below(256);
      check(bytes);
    }
    const values = [-1, 0, 3, 2 ** 31, 2 ** 53, 1e308, null, 'x', [], {}, [1e9, 1e9], 0.5];
    const pick = () => values[below(values.length)];
    for (let i = 0; i < 500; i++) {
      const tensors = header.tensors.map((t) => ({ ...t }));
      const target = tensors[below(tensors.length)] as Record<string, unknown>;
      const field = ['shape', 'offset', 'length', 'dtype', 'name'][below(5)] as string;
      target[field] = pick();
      const mangled: Record<string, unknown> = { ...header, tensors };
      if (below(4) === 0)
        mangled[['step', 'sampler', 'noise', 'config'][below(4)] as string] = pick();
      check(join(mangled, data));
    }
    // Both outcomes occur (flips in the data section leave a readable file).
    expect(results.filter((r) => r === 'ok').length).toBeGreaterThan(0);
    expect(results.filter((r) => r !== 'ok').length).toBeGreaterThan(500);
    // Nothing allocated grows with claims: a few copies of this 1 kB file at most.
    expect(peakArrayBuffers - before.arrayBuffers).toBeLessThan(20_000_000);
  });
});
