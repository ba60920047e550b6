/**
 * A checkpoint as one self-describing file (docs/checkpoint-format.md): the magic "BNLABCK1", the
 * header's length (uint32 LE), a UTF-8 JSON header naming every tensor's dtype, shape, offset and
 * length, zero padding to 8 bytes, then the tensors' little-endian bytes.
 */
import { checkRunConfig, type RunConfig } from './runConfig';
import {
  CHECKPOINT_VERSION,
  type MeasurerState,
  type PrngState,
  type SavedMoments,
  type SavedTensor,
  type TrainerCheckpoint,
} from './checkpoint';

// The engine compiles without DOM or Node types; both hosts it runs in (browsers, Node) have these.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(bytes: Uint8Array): string };

/** The file's first 8 bytes. */
export const CHECKPOINT_MAGIC = 'BNLABCK1';
/** The header's "format" field. */
const CHECKPOINT_FORMAT = 'bnlab-checkpoint';
/** The file layout's version (the header's "version"). */
const CHECKPOINT_FILE_VERSION = 1;
/** The data section and every tensor in it start at a multiple of this many bytes. */
const ALIGN = 8;
/** Magic plus the header-length word. */
const PREAMBLE_BYTES = CHECKPOINT_MAGIC.length + 4;
/** Largest checkpoint file read, bytes (the default CNN's is under 1 MB; a big net's tens of MB). */
export const MAX_CHECKPOINT_FILE_BYTES = 100_000_000;
/** Largest JSON header, bytes (a real one is a few kB): a bigger one is refused before it is read. */
export const MAX_HEADER_BYTES = 1_000_000;
/** Most tensors a checkpoint holds (a real one a few dozen). */
export const MAX_TENSORS = 1000;
/** Most dimensions of one tensor. */
const MAX_RANK = 8;

type Dtype = 'float32' | 'uint32';

/** A tensor's entry in the header; offsets count from the start of the data section, in bytes. */
interface TensorEntry {
  name: string;
  dtype: Dtype;
  shape: number[];
  offset: number;
  length: number;
}

interface Header {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_FILE_VERSION;
  step: number;
  elapsedMs: number;
  config: RunConfig;
  sampler: { cursor: number; rng: number[] } | null;
  noise: (number[] | null)[];
  /** The measurements' memory of the step before (absent in files written before it was). */
  measurer?: MeasurerState;
  tensors: TensorEntry[];
}

const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The array's bytes, little-endian. */
function leBytes(data: Float32Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(
    data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
  );
  if (!isLittleEndian) {
    for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  }
  return bytes;
}

/** `length` bytes at `at` as an array of `dtype` (copied, so the result is aligned). */
function fromLeBytes(bytes: Uint8Array, at: number, length: number, dtype: Dtype) {
  // A fresh buffer of its own (a Node Buffer's slice would share a pooled one).
  const copy = new Uint8Array(length);
  copy.set(bytes.subarray(at, at + length));
  if (!isLittleEndian) {
    for (let i = 0; i < copy.length; i += 4) copy.subarray(i, i + 4).reverse();
  }
  return dtype === 'float32' ? new Float32Array(copy.buffer) : new Uint32Array(copy.buffer);
}

export function encodeCheckpointFile(c: TrainerCheckpoint, config: RunConfig): Uint8Array {
  const arrays: {
    name: string;
    dtype: Dtype;
    shape: number[];
    data: Float32Array | Uint32Array;
  }[] = [];
  const groups = [
    ['trainable', c.trainable],
    ['state', c.state],
    ['optimizer', c.optimizer],
  ] as const;
  for (const [group, tensors] of groups) {
    tensors.forEach((t, i) =>
      arrays.push({ name: `${group}/${i}`, dtype: 'float32', shape: [...t.shape], data: t.data }),
    );
  }
  if (c.sampler) {
    const { order } = c.sampler;
    arrays.push({ name: 'sampler/order', dtype: 'uint32', shape: [order.length], data: order });
  }
  let offset = 0;
  const tensors: TensorEntry[] = arrays.map(({ name, dtype, shape, data }) => {
    const entry = { name, dtype, shape, offset, length: data.byteLength };
    offset = alignUp(offset + data.byteLength);
    return entry;
  });
  const header: Header = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_FILE_VERSION,
    step: c.step,
    elapsedMs: c.elapsedMs,
    config,
    sampler: c.sampler ? { cursor: c.sampler.cursor, rng: [...c.sampler.rng] } : null,
    noise: c.noise.map((s) => (s ? [...s] : null)),
    ...(c.measurer ? { measurer: c.measurer } : {}),
    tensors,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = alignUp(PREAMBLE_BYTES + headerBytes.length);
  const out = new Uint8Array(dataStart + offset); // zero-filled: the padding
  out.set(new TextEncoder().encode(CHECKPOINT_MAGIC), 0);
  new DataView(out.buffer).setUint32(CHECKPOINT_MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE_BYTES);
  arrays.forEach((a, i) =>
    out.set(leBytes(a.data), dataStart + (tensors[i] as TensorEntry).offset),
  );
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint32 = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;
const isWhole = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** Four uint32 words, or an error naming `what`. */
function prngState(value: unknown, what: string): PrngState {
  if (!Array.isArray(value) || value.length !== 4 || !value.every(isUint32)) {
    throw new Error(`checkpoint file: ${what} must be 4 uint32 words`);
  }
  return [value[0], value[1], value[2], value[3]] as PrngState;
}

/** A list of numbers (JSON writes NaN as null, read back as NaN), or an error naming `what`. */
function numbers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || value.length > MAX_TENSORS * 100) {
    throw new Error(`checkpoint file: ${what} must be a list of numbers`);
  }
  return value.map((v) => {
    if (v === null) return NaN;
    if (typeof v !== 'number')
      throw new Error(`checkpoint file: ${what} must be a list of numbers`);
    return v;
  });
}

/** Per-layer moments, or an error naming `what`. */
function moments(value: unknown, what: string): SavedMoments[] {
  if (!Array.isArray(value) || value.length > MAX_TENSORS) {
    throw new Error(`checkpoint file: ${what} must be a list of layers`);
  }
  return value.map((m: unknown, i) => {
    if (!isObject(m)) throw new Error(`checkpoint file: ${what}[${i}] must have mean and variance`);
    return {
      mean: numbers(m.mean, `${what}[${i}].mean`),
      variance: numbers(m.variance, `${what}[${i}].variance`),
    };
  });
}

/** The measurements' memory as the header holds it. */
function measurerState(value: unknown): MeasurerState {
  if (!isObject(value)) throw new Error('checkpoint file: measurer must be an object');
  const { lastLoss, lastMoments } = value;
  if (lastLoss !== null && typeof lastLoss !== 'number') {
    throw new Error('checkpoint file: measurer.lastLoss must be a number or null');
  }
  if (lastMoments === null) return { lastLoss, lastMoments: null };
  if (!isObject(lastMoments) || !isWhole(lastMoments.step)) {
    throw new Error('checkpoint file: measurer.lastMoments needs a step');
  }
  return {
    lastLoss,
    lastMoments: {
      step: lastMoments.step,
      noisy: moments(lastMoments.noisy, 'measurer.lastMoments.noisy'),
      clean:
        lastMoments.clean === null
          ? null
          : moments(lastMoments.clean, 'measurer.lastMoments.clean'),
    },
  };
}

/** Check one tensor entry against the data section's size. */
function checkEntry(value: unknown, index: number, dataBytes: number): TensorEntry {
  const where = `checkpoint file: tensor ${index}`;
  if (!isObject(value) || typeof value.name !== 'string') throw new Error(`${where} has no name`);
  const { name, dtype, shape, offset, length } = value;
  if (dtype !== 'float32' && dtype !== 'uint32') {
    throw new Error(`${where} (${name}) has dtype ${String(dtype)}; expected float32 or uint32`);
  }
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every(isWhole)) {
    throw new Error(`${where} (${name}) has an invalid shape`);
  }
  if (!isWhole(offset) || !isWhole(length) || offset % 4 !== 0 || length % 4 !== 0) {
    throw new Error(`${where} (${name}) has an invalid offset or length`);
  }
  if (offset + length > dataBytes) {
    throw new Error(
      `checkpoint file: tensor ${name} (bytes ${offset}..${offset + length}) lies outside the ` +
        `data section (${dataBytes} bytes): the file is truncated or corrupt`,
    );
  }
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (count * 4 !== length) {
    throw new Error(
      `${where} (${name}): shape [${shape.join(', ')}] needs ${count * 4} bytes, not ${length}`,
    );
  }
  return { name, dtype, shape: shape as number[], offset, length };
}

export function decodeCheckpointFile(bytes: Uint8Array): {
  checkpoint: TrainerCheckpoint;
  config: RunConfig;
} {
  if (bytes.length < PREAMBLE_BYTES) {
    throw new Error(
      `checkpoint file: truncated (${bytes.length} bytes, shorter than its preamble)`,
    );
  }
  const magic = new TextDecoder().decode(bytes.subarray(0, CHECKPOINT_MAGIC.length));
  if (magic !== CHECKPOINT_MAGIC) {
    throw new Error(`not a bnlab checkpoint file (bad magic; expected "${CHECKPOINT_MAGIC}")`);
  }
  if (bytes.length > MAX_CHECKPOINT_FILE_BYTES) {
    throw new Error(
      `checkpoint file: ${bytes.length} bytes, more than the ${MAX_CHECKPOINT_FILE_BYTES} read`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(CHECKPOINT_MAGIC.length, true);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new Error(
      `checkpoint file: its header claims ${headerLength} bytes; a header has at most ${MAX_HEADER_BYTES}`,
    );
  }
  if (PREAMBLE_BYTES + headerLength > bytes.length) {
    throw new Error(
      `checkpoint file: truncated (its header needs ${headerLength} bytes, ` +
        `${bytes.length - PREAMBLE_BYTES} are left)`,
    );
  }
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength),
    );
    header = JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`checkpoint file: the header is not JSON (${(error as Error).message})`);
  }
  if (!isObject(header) || header.format !== CHECKPOINT_FORMAT) {
    throw new Error(`checkpoint file: the header's format is not "${CHECKPOINT_FORMAT}"`);
  }
  if (header.version !== CHECKPOINT_FILE_VERSION) {
    throw new Error(
      `checkpoint file version ${String(header.version)}; this bnlab reads version ${CHECKPOINT_FILE_VERSION}`,
    );
  }
  const check = checkRunConfig(header.config);
  if (!check.ok) {
    const first = check.errors[0];
    throw new Error(
      `checkpoint file: its config is invalid: ${first?.path || 'config'} ${first?.message ?? ''}`,
    );
  }
  if (!isWhole(header.step)) throw new Error('checkpoint file: step must be a whole number');
  if (typeof header.elapsedMs !== 'number' || !Number.isFinite(header.elapsedMs)) {
    throw new Error('checkpoint file: elapsedMs must be a number');
  }
  if (!Array.isArray(header.noise)) throw new Error('checkpoint file: noise must be an array');
  const noise = header.noise.map((s: unknown, i) =>
    s === null ? null : prngState(s, `noise[${i}]`),
  );
  if (!Array.isArray(header.tensors)) throw new Error('checkpoint file: tensors must be an array');
  if (header.tensors.length > MAX_TENSORS) {
    throw new Error(
      `checkpoint file: ${header.tensors.length} tensors; a checkpoint holds at most ${MAX_TENSORS}`,
    );
  }

  const dataStart = alignUp(PREAMBLE_BYTES + headerLength);
  const dataBytes = Math.max(0, bytes.length - dataStart);
  const entries = header.tensors.map((t: unknown, i) => checkEntry(t, i, dataBytes));
  // Every byte belongs to one tensor at most: overlapping entries mean a crafted or corrupt file.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  byOffset.slice(1).forEach((e, i) => {
    const before = byOffset[i] as TensorEntry;
    if (e.offset < before.offset + before.length) {
      throw new Error(`checkpoint file: tensors ${before.name} and ${e.name} overlap`);
    }
  });
  const groups: Record<'trainable' | 'state' | 'optimizer', SavedTensor[]> = {
    trainable: [],
    state: [],
    optimizer: [],
  };
  let order: Uint32Array | null = null;
  for (const e of entries) {
    const data = fromLeBytes(bytes, dataStart + e.offset, e.length, e.dtype);
    const match = /^(trainable|state|optimizer)\/(\d+)$/.exec(e.name);
    if (match && e.dtype === 'float32') {
      const group = groups[match[1] as keyof typeof groups];
      if (Number(match[2]) !== group.length) {
        throw new Error(`checkpoint file: tensor ${e.name} is out of order`);
      }
      group.push({ shape: e.shape, data: data as Float32Array });
    } else if (e.name === 'sampler/order' && e.dtype === 'uint32' && order === null) {
      order = data as Uint32Array;
    } else {
      throw new Error(`checkpoint file: unexpected tensor ${e.name} (${e.dtype})`);
    }
  }
  let sampler: TrainerCheckpoint['sampler'] = null;
  if (header.sampler !== null) {
    if (!isObject(header.sampler) || !isWhole(header.sampler.cursor) || order === null) {
      throw new Error('checkpoint file: sampler needs a cursor, an rng and a sampler/order tensor');
    }
    sampler = {
      order,
      cursor: header.sampler.cursor,
      rng: prngState(header.sampler.rng, 'sampler.rng'),
    };
  }
  return {
    checkpoint: {
      version: CHECKPOINT_VERSION,
      step: header.step,
      elapsedMs: header.elapsedMs,
      ...groups,
      sampler,
      noise,
      ...(header.measurer === undefined ? {} : { measurer: measurerState(header.measurer) }),
    },
    config: check.config,
  };
}
