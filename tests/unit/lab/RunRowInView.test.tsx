// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { chunkOf } from '../support/fakeLab';
import { emit, row, start } from './runListFixtures';

/** The page's one IntersectionObserver, faked: the test says which rows are in view. */
const watched = new Map<Element, IntersectionObserverCallback>();
class FakeIntersectionObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(element: Element) {
    watched.set(element, this.callback);
  }
  unobserve(element: Element) {
    watched.delete(element);
  }
  disconnect() {}
}
globalThis.IntersectionObserver =
  FakeIntersectionObserver as unknown as typeof IntersectionObserver;

/** Tell the observer that `element` scrolled into or out of view. */
function scroll(element: Element, isIntersecting: boolean) {
  const callback = watched.get(element);
  if (!callback) throw new Error('the row is not observed');
  const entry = { target: element, isIntersecting } as IntersectionObserverEntry;
  act(() => callback([entry], {} as IntersectionObserver));
}

const step = (r: HTMLElement) => r.querySelector('[data-testid="lab-run-step"]')?.textContent;
const loss = (r: HTMLElement) => r.querySelector('[data-testid="lab-run-loss"]')?.textContent;

function streamed(id: string, at: number, value: number) {
  emit({
    type: 'metrics',
    chunks: [chunkOf(id, 'trainLoss', [at], [value])],
    progress: [{ runId: id, step: at, stepsPerSecond: 20, msPerStep: 50 }],
  });
}

describe('a run row out of view', () => {
  it('keeps its progress and loss until it is scrolled back, but shows a new status at once', () => {
    const [id = ''] = start('Far');
    emit({ type: 'status', runId: id, status: 'running' });
    streamed(id, 10, 0.5);
    expect(step(row('Far'))).toBe('10 / 500');

    scroll(row('Far'), false);
    streamed(id, 20, 0.25);
    expect(step(row('Far'))).toBe('10 / 500');
    expect(loss(row('Far'))).toBe('0.500');

    emit({ type: 'status', runId: id, status: 'paused' });
    expect(row('Far').dataset.status).toBe('paused');
    expect(row('Far').querySelector('.runlist-status')?.textContent).toBe('paused');

    scroll(row('Far'), true);
    expect(step(row('Far'))).toBe('20 / 500');
    expect(loss(row('Far'))).toBe('0.250');
  });
});
