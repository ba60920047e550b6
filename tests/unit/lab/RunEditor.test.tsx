// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { RunEditor } from '../../../src/page/lab/RunEditor';
import { LabProvider } from '../../../src/page/store/LabContext';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import type { Command } from '../../../src/shared/workerProtocol';
import { createFakeClient, createFakeMemory, DATA_URLS, type FakeClient } from '../support/fakeLab';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let client: FakeClient;
let store: StoreApi<LabState>;
let container: HTMLDivElement;
let root: Root;

beforeEach(async () => {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(), DATA_URLS);
  client.emit({ type: 'phase', phase: 'ready' });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () =>
    root.render(
      <LabProvider store={store}>
        <RunEditor />
      </LabProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** The editor's control for a field (input or select). */
function control(field: string): HTMLInputElement | HTMLSelectElement {
  const found = container.querySelector<HTMLInputElement | HTMLSelectElement>(
    `[data-field="${field}"] input, [data-field="${field}"] select`,
  );
  if (!found) throw new Error(`no field ${field}`);
  return found;
}

const note = (field: string) =>
  container.querySelector(
    `[data-field="${field}"] .field-error, [data-field="${field}"] .field-help`,
  )?.textContent;

/** Type into an input or pick an option the way React sees it. */
function set(field: string, value: string) {
  const element = control(field);
  const proto = element instanceof HTMLSelectElement ? HTMLSelectElement : HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(proto.prototype, 'value')?.set;
  act(() => {
    setter?.call(element, value);
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

const startButton = () => {
  const found = Array.from(container.querySelectorAll('button')).find((b) =>
    b.textContent?.startsWith('Start'),
  );
  if (!found) throw new Error('no Start button');
  return found;
};

const starts = () =>
  client.sent.filter((c): c is Extract<Command, { type: 'start' }> => c.type === 'start');

describe('RunEditor', () => {
  it('shows a message beside a bad field, marks it invalid and cannot start', () => {
    set('learningRate', 'fast');
    expect(note('learningRate')).toBe('must be a number');
    expect(control('learningRate').getAttribute('aria-invalid')).toBe('true');
    expect(startButton().disabled).toBe(true);
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/Fix the field/);
    act(() => startButton().click());
    expect(starts()).toHaveLength(0);

    set('learningRate', '0.05');
    expect(note('learningRate')).toBe('step size at step 1');
    expect(startButton().disabled).toBe(false);
  });

  it('starts one run per seed with the typed settings', () => {
    set('label', 'deeper');
    set('convFilters', '4, 8, 16');
    set('seeds', '2');
    expect(startButton().textContent).toBe('Start 2 runs');
    act(() => startButton().click());
    const [command] = starts();
    expect(command?.runs).toHaveLength(2);
    expect(command?.runs.map((r) => r.config.model.convFilters)).toEqual([
      [4, 8, 16],
      [4, 8, 16],
    ]);
    expect(command?.runs.map((r) => r.config.seed)).toEqual([1, 2]);
    expect(Object.values(store.getState().runs).map((r) => r.label)).toEqual([
      'deeper · seed 1',
      'deeper · seed 2',
    ]);
  });

  it('shows only the settings that apply to the chosen optimizer, schedule and normalization', () => {
    const has = (field: string) => container.querySelector(`[data-field="${field}"]`) !== null;
    expect([has('momentum'), has('beta1'), has('stepEvery'), has('gammaInit')]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    set('optimizer', 'adam');
    set('lrSchedule', 'step');
    set('normalization', 'batchnorm');
    expect([has('momentum'), has('beta1'), has('stepEvery'), has('gammaInit')]).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('a preset fills every field; Undo changes goes back to it', () => {
    const preset = container.querySelector<HTMLSelectElement>('select[id$="-preset"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
    act(() => {
      setter?.call(preset, 'does-bn-work/batchnorm-lr0.5');
      preset.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(control('normalization').value).toBe('batchnorm');
    expect(control('learningRate').value).toBe('0.5');
    expect(control('label').value).toBe('CNN + BN, LR 0.5');
    set('learningRate', '0.2');
    const undo = Array.from(container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Undo changes',
    )!;
    act(() => undo.click());
    expect(control('learningRate').value).toBe('0.5');
  });

  it('keeps typed text in the store, so leaving the lab loses nothing', async () => {
    set('learningRate', '0.42');
    act(() => root.unmount());
    root = createRoot(container);
    await act(async () =>
      root.render(
        <LabProvider store={store}>
          <RunEditor />
        </LabProvider>,
      ),
    );
    expect(control('learningRate').value).toBe('0.42');
  });
});
