import { describe, expect, it } from 'vitest';
import { appendChunk, EMPTY_SERIES, lastValue, type Series } from '../../../src/page/store/series';

/** A chunk of `n` points: steps start+1.., values (step / 4), times (step * 10). */
function points(start: number, n: number) {
  const steps = Array.from({ length: n }, (_, i) => start + i + 1);
  return {
    steps: Int32Array.from(steps),
    times: Float32Array.from(steps.map((s) => s * 10)),
    values: Float32Array.from(steps.map((s) => s / 4)),
  };
}

/** The points a series exposes, as plain arrays. */
function read(series: Series) {
  return {
    steps: Array.from(series.steps.subarray(0, series.length)),
    times: Array.from(series.times.subarray(0, series.length)),
    values: Array.from(series.values.subarray(0, series.length)),
  };
}

describe('appendChunk', () => {
  it('copies the first chunk into a fresh 256-point allocation', () => {
    const s = appendChunk(EMPTY_SERIES, points(0, 3));
    expect(s.length).toBe(3);
    expect(s.steps.length).toBe(256);
    expect(s.times.length).toBe(256);
    expect(s.values.length).toBe(256);
    expect(read(s)).toEqual({ steps: [1, 2, 3], times: [10, 20, 30], values: [0.25, 0.5, 0.75] });
    // The shared empty series is never written to.
    expect(EMPTY_SERIES.length).toBe(0);
    expect(EMPTY_SERIES.values.length).toBe(0);
  });

  it('shares the buffers while capacity lasts, and returns a new object each time', () => {
    const a = appendChunk(EMPTY_SERIES, points(0, 2));
    const b = appendChunk(a, points(2, 2));
    expect(b).not.toBe(a);
    expect(b.values).toBe(a.values);
    expect(b.length).toBe(4);
    expect(read(b).steps).toEqual([1, 2, 3, 4]);
    // `a` still sees only its own two points.
    expect(a.length).toBe(2);
    expect(read(a)).toEqual({ steps: [1, 2], times: [10, 20], values: [0.25, 0.5] });
  });

  it('doubles capacity to the next power of two when full, keeping the old points', () => {
    const a = appendChunk(EMPTY_SERIES, points(0, 3));
    const b = appendChunk(a, points(3, 254)); // 257 points: past 256
    expect(b.length).toBe(257);
    expect(b.steps.length).toBe(512);
    expect(b.values).not.toBe(a.values);
    expect(b.steps[0]).toBe(1);
    expect(b.steps[256]).toBe(257);
    expect(b.values[256]).toBe(257 / 4);
    expect(b.times[256]).toBe(2570);
    // A large chunk goes straight to the power of two that holds the total: 1257 -> 2048.
    const big = appendChunk(b, points(257, 1000));
    expect(big.length).toBe(1257);
    expect(big.steps.length).toBe(2048);
    expect(Array.from(big.steps.subarray(0, 1257))).toEqual(
      Array.from({ length: 1257 }, (_, i) => i + 1),
    );
  });

  it('leaves every older Series valid after later appends', () => {
    let s = EMPTY_SERIES;
    const history: Series[] = [];
    for (let k = 0; k < 40; k++) {
      s = appendChunk(s, points(s.length, 17));
      history.push(s);
    }
    expect(s.length).toBe(680);
    history.forEach((old, k) => {
      const n = 17 * (k + 1);
      expect(old.length).toBe(n);
      const steps = Array.from({ length: n }, (_, i) => i + 1);
      expect(read(old)).toEqual({
        steps,
        times: steps.map((x) => x * 10),
        values: steps.map((x) => x / 4),
      });
    });
  });

  it('treats an empty chunk as no change', () => {
    const a = appendChunk(EMPTY_SERIES, points(0, 2));
    const b = appendChunk(a, points(2, 0));
    expect(b.length).toBe(2);
    expect(read(b)).toEqual(read(a));
  });
});

describe('lastValue', () => {
  it('is undefined for a missing or empty series', () => {
    expect(lastValue(undefined)).toBeUndefined();
    expect(lastValue(EMPTY_SERIES)).toBeUndefined();
  });

  it('is the value at length - 1, not the last slot of the buffer', () => {
    const a = appendChunk(EMPTY_SERIES, points(0, 3));
    const b = appendChunk(a, points(3, 2));
    expect(lastValue(a)).toBe(0.75);
    expect(lastValue(b)).toBe(1.25);
  });
});
