// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { deepLinear } from '../../../src/experiments/deepLinear';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { RunTable } from '../../../src/page/panels/RunTable';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import type { WorkerEvent } from '../../../src/shared/workerProtocol';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
} from '../support/fakeLab';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let client: FakeClient;
let store: StoreApi<LabState>;
let ids: string[];
let container: HTMLDivElement;
let root: Root;

/** The run's table row, found by its run id's position in the launch. */
function row(index: number): HTMLTableRowElement {
  const rows = container.querySelectorAll<HTMLTableRowElement>('[data-testid="run-row"]');
  const found = rows[index];
  if (!found) throw new Error(`no row ${index}`);
  return found;
}

/** Texts of the row's buttons, in order. */
const buttons = (r: HTMLTableRowElement) =>
  Array.from(r.querySelectorAll('button')).map((b) => b.textContent);

/** Text of the row's cells (status, step, rate, ETA, accuracy, actions). */
const cells = (r: HTMLTableRowElement) => Array.from(r.querySelectorAll('td'));

function button(r: HTMLTableRowElement, text: string): HTMLButtonElement {
  const found = Array.from(r.querySelectorAll('button')).find((b) => b.textContent === text);
  if (!found) throw new Error(`no ${text} button`);
  return found;
}

const emit = (event: WorkerEvent) => act(() => client.emit(event));

beforeEach(async () => {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URLS);
  store.getState().launchExperiment('does-bn-work', { ...doesBnWork.defaults, steps: 500 });
  ids = store.getState().launches['does-bn-work'] ?? [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <RunTable runIds={ids} />
      </LabProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('RunTable', () => {
  it('shows one row per run in launch order, queued with Pause and Stop', () => {
    const rows = container.querySelectorAll('[data-testid="run-row"]');
    expect(Array.from(rows, (r) => r.getAttribute('data-run'))).toEqual([
      'CNN, LR 0.1',
      'CNN + BN, LR 0.1',
      'CNN, LR 0.5',
      'CNN + BN, LR 0.5',
    ]);
    const first = row(0);
    expect(first.dataset.status).toBe('queued');
    expect(first.querySelector('[data-testid="run-step"]')?.textContent).toBe('0 / 500');
    expect(buttons(first)).toEqual(['Pause', 'Stop']);
    // No speed yet: rate, ETA and accuracy are unknown.
    expect(
      cells(first)
        .slice(2, 5)
        .map((c) => c.textContent),
    ).toEqual(['–', '–', '–']);
  });

  it('shows progress, rate, ETA and last test accuracy of a running run', async () => {
    const id = ids[0] ?? '';
    emit({ type: 'status', runId: id, status: 'running' });
    emit({
      type: 'metrics',
      chunks: [chunkOf(id, 'testAccuracy', [50, 100], [0.5, 0.875])],
      progress: [{ runId: id, step: 100, stepsPerSecond: 20, msPerStep: 40 }],
    });
    const r = row(0);
    expect(r.dataset.status).toBe('running');
    expect(r.querySelector('.status')?.textContent).toBe('running');
    expect(r.querySelector('[data-testid="run-step"]')?.textContent).toBe('100 / 500');
    const progress = r.querySelector('progress');
    expect(progress?.value).toBe(100);
    expect(progress?.max).toBe(500);
    // (500 - 100) steps / 20 steps/s = 20 s.
    expect(
      cells(r)
        .slice(2, 5)
        .map((c) => c.textContent),
    ).toEqual(['20', '20 s', '87.5%']);
    expect(buttons(r)).toEqual(['Pause', 'Stop']);

    emit({
      type: 'metrics',
      chunks: [],
      progress: [{ runId: id, step: 110, stepsPerSecond: 2.5, msPerStep: 40 }],
    });
    // 390 / 2.5 = 156 s.
    expect(cells(row(0))[3]?.textContent).toBe('2 m 36 s');
  });

  it('leaves out the test-accuracy column for the deep linear net, which has no test set', async () => {
    store.getState().launchExperiment('deep-linear', deepLinear.defaults);
    const linear = store.getState().launches['deep-linear'] ?? [];
    await act(async () =>
      root.render(
        <LabProvider store={store}>
          <RunTable runIds={linear} />
        </LabProvider>,
      ),
    );
    const headers = Array.from(container.querySelectorAll('th[scope="col"]'), (h) => h.textContent);
    expect(headers).not.toContain('Test acc.');
    expect(headers).toContain('ETA');
  });

  it('sends pause, then resume, for the clicked run, and stop from the Stop button', () => {
    const id = ids[2] ?? '';
    emit({ type: 'status', runId: id, status: 'running' });
    const before = client.sent.length;
    act(() => button(row(2), 'Pause').click());
    expect(client.sent.slice(before)).toEqual([{ type: 'pause', runId: id }]);

    emit({ type: 'status', runId: id, status: 'paused' });
    expect(buttons(row(2))).toEqual(['Resume', 'Stop']);
    act(() => button(row(2), 'Resume').click());
    act(() => button(row(2), 'Stop').click());
    expect(client.sent.slice(before)).toEqual([
      { type: 'pause', runId: id },
      { type: 'resume', runId: id },
      { type: 'stop', runId: id },
    ]);
  });

  it('shows the message of a diverged run, no buttons and no ETA', () => {
    const id = ids[1] ?? '';
    emit({ type: 'status', runId: id, status: 'running' });
    emit({
      type: 'metrics',
      chunks: [],
      progress: [{ runId: id, step: 37, stepsPerSecond: 10, msPerStep: 30 }],
    });
    emit({ type: 'status', runId: id, status: 'diverged', message: 'loss became NaN at step 37' });
    const r = row(1);
    expect(r.dataset.status).toBe('diverged');
    expect(r.querySelector('.run-message')?.textContent).toBe('loss became NaN at step 37');
    expect(buttons(r)).toEqual([]);
    expect(r.querySelector('[data-testid="run-step"]')?.textContent).toBe('37 / 500');
    expect(cells(r)[3]?.textContent).toBe('–');
    // The other rows are untouched.
    expect(row(0).querySelector('.run-message')).toBeNull();
    expect(buttons(row(0))).toEqual(['Pause', 'Stop']);
  });

  it('turns every active row to failed with the message on a fatal event', () => {
    emit({ type: 'status', runId: ids[3] ?? '', status: 'completed' });
    emit({ type: 'fatal', message: 'the training worker crashed: boom' });
    expect([0, 1, 2].map((i) => row(i).dataset.status)).toEqual(['failed', 'failed', 'failed']);
    expect(row(0).querySelector('.run-message')?.textContent).toBe(
      'the training worker crashed: boom',
    );
    expect(row(3).dataset.status).toBe('completed');
    expect(row(3).querySelector('.run-message')).toBeNull();
    for (let i = 0; i < 4; i++) expect(buttons(row(i))).toEqual([]);
  });

  it('skips ids that are not in the store', async () => {
    await act(async () =>
      root.render(
        <LabProvider store={store}>
          <RunTable runIds={['ghost', ids[0] ?? '']} />
        </LabProvider>,
      ),
    );
    const rows = container.querySelectorAll('[data-testid="run-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.getAttribute('data-run')).toBe('CNN, LR 0.1');
  });
});
