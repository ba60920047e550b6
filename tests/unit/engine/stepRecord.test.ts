import { describe, expect, it } from 'vitest';
import { STALL_DEAD_FRACTION, STALL_WINDOW_STEPS } from '../../../src/shared/stall';
import { SeriesBuffer } from '../../../src/engine/train/seriesBuffer';
import { recordStep, stallMessage } from '../../../src/engine/train/stepRecord';
import type { StepResult } from '../../../src/engine/train/stepTrainer';

/** A step result with the given dead fractions per conv block. */
const stepWith = (step: number, dead: number[]): StepResult => ({ step, loss: 1, dead });

/** Feed `steps` steps of the same dead fractions; the message of the last. */
function feed(window: number[][], steps: number, dead: number[], from = 1): string | null {
  let message: string | null = null;
  for (let i = 0; i < steps; i++) message = stallMessage(window, stepWith(from + i, dead));
  return message;
}

describe('stallMessage', () => {
  it('says nothing until the window is full, then names the dead block and its mean', () => {
    const window: number[][] = [];
    expect(feed(window, STALL_WINDOW_STEPS - 1, [0.2, 1])).toBeNull();
    expect(window).toHaveLength(STALL_WINDOW_STEPS - 1);
    const message = stallMessage(window, stepWith(STALL_WINDOW_STEPS, [0.2, 1]));
    expect(message).toBe(
      `at step ${STALL_WINDOW_STEPS}: the ReLUs of conv 2 (100%) output zero over the last ` +
        `${STALL_WINDOW_STEPS} steps, so almost no gradient reaches the layers before them`,
    );
  });

  it('averages over the window: one live step among dead ones can keep the mean under the bar', () => {
    const window: number[][] = [];
    feed(window, STALL_WINDOW_STEPS - 1, [1, 0]);
    // Mean (19 x 1 + 0) / 20 = 0.95: exactly the bar counts as stalled.
    expect(stallMessage(window, stepWith(20, [0, 0]))).toContain('conv 1 (95%)');
    // One more live step pushes out a dead one: 18/20 = 0.9 < 0.95.
    expect(stallMessage(window, stepWith(21, [0, 0]))).toBeNull();
    expect(window).toHaveLength(STALL_WINDOW_STEPS);
  });

  it('names both blocks when both are dead, with the floor of their percentages', () => {
    const window: number[][] = [];
    const f = (STALL_DEAD_FRACTION + 1) / 2; // 0.975
    expect(feed(window, STALL_WINDOW_STEPS, [f, 1])).toContain('conv 1 (97%) and conv 2 (100%)');
  });

  it('ignores networks without ReLUs and leaves their window empty', () => {
    const window: number[][] = [];
    expect(feed(window, STALL_WINDOW_STEPS * 2, [])).toBeNull();
    expect(window).toEqual([]);
  });

  it('old steps leave the window: a block that came back to life is not called stalled', () => {
    const window: number[][] = [];
    feed(window, STALL_WINDOW_STEPS, [1, 0]);
    expect(feed(window, STALL_WINDOW_STEPS, [0, 0], STALL_WINDOW_STEPS + 1)).toBeNull();
  });
});

describe('recordStep', () => {
  it("writes loss, accuracy, measurements and each block's dead fraction under its metric", () => {
    const buffer = new SeriesBuffer('run');
    recordStep(
      buffer,
      { step: 3, loss: 0.5, accuracy: 0.75, dead: [0.25, 0], measured: { betaSmoothness: 2 } },
      40,
    );
    const chunks = buffer.drain();
    const byMetric = Object.fromEntries(chunks.map((c) => [c.metric, c]));
    expect(Object.keys(byMetric).sort()).toEqual(
      ['betaSmoothness', 'deadConv1', 'deadConv2', 'trainAccuracy', 'trainLoss'].sort(),
    );
    expect([...(byMetric.deadConv1?.values ?? [])]).toEqual([0.25]);
    expect([...(byMetric.deadConv2?.values ?? [])]).toEqual([0]);
    expect([...(byMetric.trainLoss?.steps ?? [])]).toEqual([3]);
    expect([...(byMetric.trainLoss?.times ?? [])]).toEqual([40]);
  });

  it('writes no accuracy for a regression step and no dead metric for a net without ReLUs', () => {
    const buffer = new SeriesBuffer('run');
    recordStep(buffer, { step: 1, loss: 2, dead: [] }, 0);
    expect(buffer.drain().map((c) => c.metric)).toEqual(['trainLoss']);
  });
});
