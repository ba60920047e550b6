/**
 * Seeded pseudo-random numbers for everything that must rerun identically: data split, shuffling,
 * weight initialization, noise. sfc32 (Small Fast Counting, 128-bit state) seeded through splitmix32;
 * tfjs initializers are not used because their seeds are unreliable across versions and backends.
 */

import type { PrngState } from '../../shared/checkpoint';

/** The 128-bit generator state, four unsigned 32-bit words; serializable for checkpoints. */
export type { PrngState };

/** One step of splitmix32: a well-mixed 32-bit value from a 32-bit counter. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** A second standard normal left over from the last Box-Muller pair, or null. */
  private spareNormal: number | null = null;

  constructor(seed: number) {
    const s = seed >>> 0;
    this.a = splitmix32(s);
    this.b = splitmix32(s + 1);
    this.c = splitmix32(s + 2);
    this.d = splitmix32(s + 3);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal sample (Box-Muller, both values of each pair used). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    const u = 1 - this.next(); // in (0, 1], so log(u) is finite
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** An independent generator derived from this one's stream (for a sub-task with its own stream). */
  fork(): Prng {
    return new Prng(this.nextUint32());
  }

  /** The state to resume this exact stream later. */
  getState(): PrngState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /** Resume from a saved state (drops any cached normal). */
  setState(state: PrngState): void {
    [this.a, this.b, this.c, this.d] = state.map((w) => w | 0) as [number, number, number, number];
    this.spareNormal = null;
  }
}

/** Fisher-Yates shuffle of `items` in place, driven by `rng`. */
export function shuffleInPlace(items: Uint32Array | number[], rng: Prng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i] as number;
    items[i] = items[j] as number;
    items[j] = tmp;
  }
}
