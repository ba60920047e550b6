/** The lab's run list rendered over a fake training client, and ways to read and press it. */
// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { RunList } from '../../../src/page/lab/RunList';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import type { WorkerEvent } from '../../../src/shared/workerProtocol';
import { createFakeClient, createFakeMemory, DATA_URLS, type FakeClient } from '../support/fakeLab';

// Tell React that updates are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The rendered run list of the current test, set up afresh before each. */
export const lab = {} as {
  client: FakeClient;
  store: StoreApi<LabState>;
  container: HTMLDivElement;
  root: Root;
  /** Run ids handed to onEdit, in order. */
  edited: string[];
};

export const emit = (event: WorkerEvent) => act(() => lab.client.emit(event));

/** Start lab runs from the default config (500 steps, seed 1) and return their ids. */
export function start(label: string, seeds = 1): string[] {
  let ids: string[] = [];
  act(() => {
    ids = lab.store.getState().startLabRuns({ label, config: DEFAULT_RUN_CONFIG, seeds });
  });
  return ids;
}

export const runRows = () =>
  Array.from(lab.container.querySelectorAll<HTMLTableRowElement>('[data-testid="lab-run-row"]'));
export const names = () => runRows().map((r) => r.dataset.run);
export const groupRows = () =>
  Array.from(lab.container.querySelectorAll<HTMLTableRowElement>('[data-testid="lab-group-row"]'));

/** The run row whose name is `label`. */
export function row(label: string): HTMLTableRowElement {
  const found = runRows().find((r) => r.dataset.run === label);
  if (!found) throw new Error(`no row for ${label}; rows: ${names().join(', ')}`);
  return found;
}

/** Visible texts of the row's action buttons, in order. */
export const actions = (r: HTMLElement) =>
  Array.from(
    r.querySelectorAll<HTMLButtonElement>('.runlist-actions button'),
    (b) => b.dataset['action'] ?? b.textContent,
  );

export function button(r: HTMLElement, text: string): HTMLButtonElement {
  // A button is found by its text, by its title where it shows an icon (Rename: ✎), or by its
  // action (a run's icon buttons).
  const found = Array.from(r.querySelectorAll('button')).find(
    (b) => b.textContent === text || b.title === text || b.dataset['action'] === text,
  );
  if (!found) throw new Error(`no ${text} button`);
  return found;
}

export function labelled<T extends HTMLElement>(r: HTMLElement, label: string): T {
  const found = r.querySelector<T>(`[aria-label="${label}"]`);
  if (!found) throw new Error(`nothing labelled ${label}`);
  return found;
}

export const click = (element: HTMLElement) => act(() => element.click());
export const press = (element: HTMLElement, key: string) =>
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

/** Open the rename input of `label`'s row, type `text` into it. */
export function typeName(label: string, text: string): HTMLInputElement {
  click(button(row(label), 'Rename'));
  const input = labelled<HTMLInputElement>(row(label), `New name for ${label}`);
  expect(document.activeElement).toBe(input);
  input.value = text;
  return input;
}

beforeEach(async () => {
  lab.client = createFakeClient();
  lab.store = createLabStore(lab.client, createFakeMemory(), DATA_URLS);
  lab.edited = [];
  lab.container = document.createElement('div');
  document.body.append(lab.container);
  lab.root = createRoot(lab.container);
  await act(async () =>
    lab.root.render(
      <LabProvider store={lab.store}>
        <RunList onEdit={(id) => lab.edited.push(id)} />
      </LabProvider>,
    ),
  );
});

afterEach(() => {
  act(() => lab.root.unmount());
  lab.container.remove();
});
