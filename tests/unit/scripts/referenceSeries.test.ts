import { describe, expect, it } from 'vitest';
import { referenceSeriesSchema } from '../../../src/shared/reference';
import { roundSignificant, summarizeSeeds } from '../../../scripts/references/referenceSeries';

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const seed = (steps: number[], values: (number | null)[]) => ({
  steps,
  values,
  length: steps.length,
});

describe('summarizeSeeds', () => {
  it('keeps short series point by point: mean, min and max over the seeds', () => {
    const steps = [10, 20, 30];
    const out = summarizeSeeds([
      seed(steps, [1, 2, 3]),
      seed(steps, [3, 2, 1]),
      seed(steps, [2, 5, 2]),
    ]);
    expect(out).toEqual({
      stride: 1,
      steps: [10, 20, 30],
      mean: [2, 3, 2],
      min: [1, 2, 1],
      max: [3, 5, 3],
    });
    expect(referenceSeriesSchema.safeParse(out).success).toBe(true);
  });

  it('averages each seed over `stride` consecutive steps to stay within the point budget', () => {
    const steps = range(300);
    const out = summarizeSeeds(
      [
        seed(steps, steps),
        seed(
          steps,
          steps.map((s) => s + 10),
        ),
      ],
      120,
    );
    expect(out?.stride).toBe(3);
    expect(out?.steps).toHaveLength(100);
    // Steps 1, 2, 3 -> their mean step 2; seed values 2 and 12.
    expect(out?.steps[0]).toBe(2);
    expect(out?.min[0]).toBe(2);
    expect(out?.max[0]).toBe(12);
    expect(out?.mean[0]).toBe(7);
    expect(out?.steps.at(-1)).toBe(299);
  });

  it('ends a partial last bucket at the last step, and pools seeds that stopped early', () => {
    const out = summarizeSeeds([seed(range(5), [1, 1, 1, 1, 1]), seed(range(3), [3, 3, 3])], 2);
    expect(out?.stride).toBe(3);
    expect(out?.steps).toEqual([2, 4.5]);
    expect(out?.mean).toEqual([2, 1]); // the second bucket: only the first seed reached it
    expect(out?.min).toEqual([1, 1]);
    expect(out?.max).toEqual([3, 1]);
  });

  it('leaves out non-finite values (a diverged loss) and returns null when nothing is left', () => {
    const out = summarizeSeeds([seed([1, 2], [1, null]), seed([1, 2], [3, NaN])]);
    expect(out?.steps).toEqual([1]);
    expect(out?.mean).toEqual([2]);
    expect(summarizeSeeds([seed([1], [null])])).toBeNull();
    expect(summarizeSeeds([])).toBeNull();
  });

  it('rounds values to 4 significant digits', () => {
    expect(roundSignificant(2.302585)).toBe(2.303);
    expect(roundSignificant(0.000123456)).toBe(0.0001235);
    expect(roundSignificant(123456)).toBe(123500);
    const out = summarizeSeeds([seed([1], [Math.PI]), seed([1], [Math.E])]);
    expect(out?.mean).toEqual([2.93]);
    expect(out?.max).toEqual([3.142]);
  });
});
