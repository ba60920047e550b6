// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { LabProvider, useLabWith } from '../../../src/page/store/LabContext';
import { createLabStore } from '../../../src/page/store/labStore';
import { chunkOf, createFakeClient, createFakeMemory, DATA_URLS } from '../support/fakeLab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Each run's id and status, rebuilt on every store change. */
type Facts = { id: string; status: string | undefined }[];
const sameFacts = (a: Facts, b: Facts) =>
  a.length === b.length && a.every((f, i) => f.id === b[i]?.id && f.status === b[i]?.status);

it('keeps a rebuilt selection, and renders nothing, while its equality holds', () => {
  const client = createFakeClient();
  const store = createLabStore(client, createFakeMemory(), DATA_URLS);
  const seen: Facts[] = [];
  function Probe() {
    const facts = useLabWith(
      (s) => s.runOrder.map((id) => ({ id, status: s.runs[id]?.status })),
      sameFacts,
    );
    seen.push(facts);
    return null;
  }
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() =>
    root.render(
      <LabProvider store={store}>
        <Probe />
      </LabProvider>,
    ),
  );
  let ids: string[] = [];
  act(() => {
    ids = store.getState().startLabRuns({ label: 'a', config: DEFAULT_RUN_CONFIG, seeds: 2 });
  });
  const [first = '', second = ''] = ids;
  act(() => client.emit({ type: 'status', runId: first, status: 'running' }));
  const rendersBefore = seen.length;
  const before = seen.at(-1);
  expect(before?.map((f) => f.status)).toEqual(['running', 'queued']);

  // Steps change the runs (step, speed) but not what the selection holds: no render.
  for (const step of [10, 20, 30]) {
    act(() =>
      client.emit({
        type: 'metrics',
        chunks: [chunkOf(first, 'trainLoss', [step], [1 / step])],
        progress: [{ runId: first, step, stepsPerSecond: 20, msPerStep: 50 }],
      }),
    );
  }
  expect(store.getState().runs[first]?.step).toBe(30);
  expect(seen).toHaveLength(rendersBefore);

  // A status change is what it selects: one render, with a new list.
  act(() => client.emit({ type: 'status', runId: second, status: 'running' }));
  expect(seen).toHaveLength(rendersBefore + 1);
  expect(seen.at(-1)).not.toBe(before);
  expect(seen.at(-1)?.map((f) => f.status)).toEqual(['running', 'running']);
  act(() => root.unmount());
});
