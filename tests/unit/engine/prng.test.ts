import { describe, expect, it } from 'vitest';
import { Prng, shuffleInPlace } from '../../../src/engine/random/prng';

describe('Prng', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Prng(7);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = new Prng(11);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1, 1);
  });

  it('resumes exactly from a saved state', () => {
    const rng = new Prng(5);
    for (let i = 0; i < 10; i++) rng.next();
    const state = rng.getState();
    const next = Array.from({ length: 5 }, () => rng.nextUint32());
    const resumed = new Prng(0);
    resumed.setState(state);
    expect(Array.from({ length: 5 }, () => resumed.nextUint32())).toEqual(next);
  });

  it('int(n) stays in [0, n) and hits every value', () => {
    const rng = new Prng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('shuffleInPlace', () => {
  it('permutes (same multiset), deterministically per seed', () => {
    const a = Uint32Array.from({ length: 50 }, (_, i) => i);
    const b = a.slice();
    shuffleInPlace(a, new Prng(9));
    shuffleInPlace(b, new Prng(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
