import { describe, expect, it } from 'vitest';
import { balancedSubset } from '../../../src/cli/balancedSubset';
import { loadDataset } from '../../helpers/engine';

describe('balancedSubset', () => {
  it('draws the wanted number of distinct indices per class, sorted, within each class', () => {
    const picks = balancedSubset([7, 5, 3], 3, 1);
    expect(picks.map((p) => p.length)).toEqual([3, 3, 3]);
    picks.forEach((p, c) => {
      expect(new Set(p).size).toBe(3);
      expect([...p]).toEqual([...p].sort((a, b) => a - b));
      for (const i of p) expect(i).toBeLessThan([7, 5, 3][c] as number);
    });
    // A class with exactly as many images as wanted gives all of them.
    expect([...(picks[2] ?? [])]).toEqual([0, 1, 2]);
  });

  it('gives the same picks for the same seed and other picks for another', () => {
    const counts = [1000, 1000];
    const a = balancedSubset(counts, 10, 7);
    expect(balancedSubset(counts, 10, 7)).toEqual(a);
    expect(balancedSubset(counts, 10, 8)).not.toEqual(a);
  });

  it('refuses a class with fewer images than wanted, naming it', () => {
    expect(() => balancedSubset([5, 2], 3, 1)).toThrow(
      'class 1 has 2 images, fewer than the 3 wanted',
    );
    expect(balancedSubset([4], 0, 1)).toEqual([new Uint32Array(0)]);
  });

  it('draws each index about equally often over many seeds (no end of a class favoured)', () => {
    const hits = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) {
      for (const i of balancedSubset([10], 3, seed)[0] ?? []) hits[i] = (hits[i] ?? 0) + 1;
    }
    // Each index is drawn with probability 3/10: 600 of 2000 expected, sd about 20.
    for (const h of hits) expect(Math.abs(h - 600)).toBeLessThan(100);
  });
});

describe('the shipped Fashion-MNIST subset', () => {
  const data = loadDataset('fashion-mnist');

  it('holds 10,000 images of 28 x 28, 1,000 of each of the 10 classes', () => {
    expect([data.count, data.rows, data.cols, data.classes]).toEqual([10_000, 28, 28, 10]);
    const counts = new Array<number>(10).fill(0);
    for (const l of data.labels) counts[l] = (counts[l] ?? 0) + 1;
    expect(counts).toEqual(new Array<number>(10).fill(1000));
  });

  it('has no blank image (the package’s two empty entries are left out) and uses the whole grey range', () => {
    let blank = 0;
    let max = 0;
    for (let i = 0; i < data.count; i++) {
      const image = data.pixels.subarray(i * 784, (i + 1) * 784);
      const ink = image.reduce((a, b) => Math.max(a, b), 0);
      if (ink === 0) blank += 1;
      max = Math.max(max, ink);
    }
    expect(blank).toBe(0);
    expect(max).toBe(255);
  });

  it('is other images than the digits', () => {
    const digits = loadDataset('mnist');
    expect(Buffer.from(data.pixels.subarray(0, 784 * 10))).not.toEqual(
      Buffer.from(digits.pixels.subarray(0, 784 * 10)),
    );
  });
});
