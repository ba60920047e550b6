import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { doesBnWork } from '../../../src/experiments/doesBnWork';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import type { LabState } from '../../../src/page/store/labState';
import { createLabStore } from '../../../src/page/store/labStore';
import { MAX_SWEEP_RUNS } from '../../../src/page/store/labLaunches';
import { LAB_EXPERIMENT, MAX_LABEL_LENGTH } from '../../../src/page/store/runView';
import { runStyleAt, STYLE_COUNT, styleKey } from '../../../src/experiments/runStyles';
import { NORMALIZATION_STYLES } from '../../../src/experiments/runs';
import {
  chunkOf,
  createFakeClient,
  createFakeMemory,
  DATA_URLS,
  type FakeClient,
} from '../support/fakeLab';

let client: FakeClient;
let store: StoreApi<LabState>;

beforeEach(() => {
  client = createFakeClient();
  store = createLabStore(client, createFakeMemory(null), DATA_URLS);
});

const config = { ...DEFAULT_RUN_CONFIG, seed: 5, steps: 40 };
const DOES_BN_WORK_DEFAULTS = doesBnWork.defaults;
const state = () => store.getState();

describe('startLabSweep', () => {
  const lrs = [0.1, 0.5];
  const configs = lrs.flatMap((learningRate) =>
    (['none', 'batchnorm'] as const).map((normalization) => ({
      name: `LR ${learningRate} · ${normalization === 'none' ? 'plain' : 'BN'}`,
      config: { ...config, learningRate, model: { ...config.model, normalization } },
    })),
  );

  it('starts every configuration on every seed as one sweep, a seed group and a look each', () => {
    const ids = state().startLabSweep({ label: 'lr sweep', configs, seeds: 2 });
    expect(ids).toHaveLength(8);
    const runs = ids.map((id) => state().runs[id]!);
    expect(runs.every((r) => r.sweep === 'lr sweep')).toBe(true);
    expect(runs.map((r) => r.label).slice(0, 2)).toEqual([
      'lr sweep · LR 0.1 · plain · seed 5',
      'lr sweep · LR 0.1 · plain · seed 6',
    ]);
    // Seeds of a configuration share a group and a look; configurations differ in both.
    expect(new Set(runs.map((r) => r.group)).size).toBe(4);
    expect(runs[0]!.group).toBe(runs[1]!.group);
    expect(new Set(runs.map((r) => styleKey(r.style))).size).toBe(4);
    expect(runs[0]!.style).toEqual(runs[1]!.style);
    // The first plain and BN configurations take their normalization's article look.
    expect(runs[0]!.style).toEqual(NORMALIZATION_STYLES.none);
    expect(runs[2]!.style).toEqual(NORMALIZATION_STYLES.batchnorm);
    expect(runs.map((r) => [r.config.learningRate, r.config.seed])).toContainEqual([0.5, 6]);
  });

  it('refuses a sweep over the run limit or without a name, with a notice, starting nothing', () => {
    const many = Array.from({ length: MAX_SWEEP_RUNS / 2 + 1 }, (_, i) => ({
      name: `c${i}`,
      config,
    }));
    expect(state().startLabSweep({ label: 'big', configs: many, seeds: 2 })).toEqual([]);
    expect(state().startLabSweep({ label: '  ', configs, seeds: 1 })).toEqual([]);
    expect(state().runOrder).toEqual([]);
    expect(state().notices.map((n) => n.text)).toEqual([
      `The sweep was not started: it must have 1 to ${MAX_SWEEP_RUNS} runs.`,
      'The sweep was not started: give it a name.',
    ]);
  });
});

describe('startLabRuns', () => {
  it('starts one run per seed, seed, seed + 1, ..., in one group with one style', () => {
    const ids = state().startLabRuns({ label: '  BN   lr 0.5 ', config, seeds: 3 });
    expect(ids).toHaveLength(3);
    const runs = ids.map((id) => state().runs[id]!);
    expect(runs.map((r) => r.config.seed)).toEqual([5, 6, 7]);
    expect(runs.map((r) => r.label)).toEqual([
      'BN lr 0.5 · seed 5',
      'BN lr 0.5 · seed 6',
      'BN lr 0.5 · seed 7',
    ]);
    expect(new Set(runs.map((r) => r.group)).size).toBe(1);
    expect(runs.every((r) => r.style === runs[0]!.style)).toBe(true);
    expect(runs.every((r) => r.experimentId === LAB_EXPERIMENT && r.visible)).toBe(true);
    expect(state().runOrder).toEqual(ids);
    expect(client.sent.at(-1)).toEqual({
      type: 'start',
      runs: runs.map((r) => ({ id: r.id, config: r.config })),
    });
  });

  it('a single seed keeps the plain name and is its own group; the next launch gets the next style', () => {
    const [a] = state().startLabRuns({ label: 'plain', config, seeds: 1 });
    const [b] = state().startLabRuns({ label: 'plain again', config, seeds: 1 });
    expect(state().runs[a!]!.label).toBe('plain');
    expect(state().runs[a!]!.group).toBe(a);
    // The first plain run looks as plain runs do in the article; the next takes a free look.
    expect(state().runs[a!]!.style).toEqual(NORMALIZATION_STYLES.none);
    expect(state().runs[b!]!.style).toEqual(runStyleAt(0));
  });

  it('gives each normalization its article look while no run on show has it', () => {
    const bn = { ...config, model: { ...config.model, normalization: 'batchnorm' as const } };
    const l2 = { ...config, model: { ...config.model, normalization: 'l2' as const } };
    const [a] = state().startLabRuns({ label: 'bn', config: bn, seeds: 1 });
    const [b] = state().startLabRuns({ label: 'l2', config: l2, seeds: 1 });
    const [c] = state().startLabRuns({ label: 'bn 2', config: bn, seeds: 1 });
    expect(state().runs[a!]!.style).toEqual(NORMALIZATION_STYLES.batchnorm);
    expect(state().runs[b!]!.style).toEqual(NORMALIZATION_STYLES.l2);
    // Blue solid is taken by the first BN run: the first free palette style.
    expect(state().runs[c!]!.style).toEqual(runStyleAt(1));
    // Hidden, the first BN run frees its look for the next.
    state().setRunVisible(a!, false);
    const [d] = state().startLabRuns({ label: 'bn 3', config: bn, seeds: 1 });
    expect(state().runs[d!]!.style).toEqual(NORMALIZATION_STYLES.batchnorm);
  });

  it('gives every one of twenty runs on show a look of its own, then repeats in turn', () => {
    const ids = Array.from({ length: STYLE_COUNT + 1 }, (_, i) => {
      const [id] = state().startLabRuns({ label: `run ${i}`, config, seeds: 1 });
      return id!;
    });
    const keys = ids.map((id) => styleKey(state().runs[id]!.style));
    expect(STYLE_COUNT).toBe(20);
    expect(new Set(keys.slice(0, STYLE_COUNT)).size).toBe(STYLE_COUNT);
    expect(keys[STYLE_COUNT]).toBe(styleKey(runStyleAt(STYLE_COUNT)));
  });

  it.each([
    [{ ...config, learningRate: -1 }, 1, 'x', /learningRate must be greater than 0/],
    [config, 0, 'x', /seeds must be a whole number from 1 to 8/],
    [config, 2.5, 'x', /seeds must be a whole number/],
    [config, 1, '   ', /give it a name/],
  ])('refuses a bad request with a notice and sends nothing (%#)', (c, seeds, label, message) => {
    const before = client.sent.length;
    expect(state().startLabRuns({ label, config: c, seeds })).toEqual([]);
    expect(client.sent).toHaveLength(before);
    expect(state().notices.at(-1)?.text).toMatch(message);
    expect(state().runOrder).toEqual([]);
  });
});

describe('run list actions', () => {
  it('duplicate starts the same config under "(copy)" with its own style', () => {
    const [a] = state().startLabRuns({ label: 'bn', config, seeds: 1 });
    const copy = state().duplicateRun(a!)!;
    expect(state().runs[copy]!.label).toBe('bn (copy)');
    expect(state().runs[copy]!.config).toEqual(state().runs[a!]!.config);
    expect(state().runs[copy]!.style).not.toEqual(state().runs[a!]!.style);
    expect(client.sent.at(-1)).toMatchObject({ type: 'start', runs: [{ id: copy }] });
    expect(state().duplicateRun('nope')).toBeNull();
  });

  it('rename cleans the name, refuses a blank one and cuts a long one', () => {
    const [a] = state().startLabRuns({ label: 'bn', config, seeds: 1 });
    state().renameRun(a!, ' <b>new</b>\n name ');
    expect(state().runs[a!]!.label).toBe('<b>new</b> name');
    state().renameRun(a!, '  ');
    expect(state().runs[a!]!.label).toBe('<b>new</b> name');
    expect(state().notices.at(-1)?.text).toMatch(/needs a name/);
    state().renameRun(a!, 'x'.repeat(200));
    expect(state().runs[a!]!.label).toHaveLength(MAX_LABEL_LENGTH);
  });

  it('delete stops an active run, forgets it and its points, and drops late chunks', () => {
    const [a, b] = state().startLabRuns({ label: 'bn', config, seeds: 2 });
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [1], [2.3])], progress: [] });
    expect(state().series[a!]?.trainLoss?.length).toBe(1);
    state().deleteRun(a!);
    expect(client.sent.at(-1)).toEqual({ type: 'stop', runId: a });
    expect(state().runs[a!]).toBeUndefined();
    expect(state().series[a!]).toBeUndefined();
    expect(state().runOrder).toEqual([b]);
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [2], [2.2])], progress: [] });
    expect(state().series[a!]).toBeUndefined();
  });

  it('delete of a finished run sends nothing', () => {
    const [a] = state().startLabRuns({ label: 'bn', config, seeds: 1 });
    client.emit({ type: 'status', runId: a!, status: 'completed' });
    const before = client.sent.length;
    state().deleteRun(a!);
    expect(client.sent).toHaveLength(before);
    expect(state().runOrder).toEqual([]);
  });

  it('colour takes hex colours only; visibility toggles', () => {
    const [a] = state().startLabRuns({ label: 'bn', config, seeds: 1 });
    state().setRunColor(a!, '#123abc');
    expect(state().runs[a!]!.style.color).toBe('#123abc');
    state().setRunColor(a!, 'red; background:url(x)');
    expect(state().runs[a!]!.style.color).toBe('#123abc');
    state().setRunVisible(a!, false);
    expect(state().runs[a!]!.visible).toBe(false);
  });

  it('records the backend in force when a run starts', () => {
    client.emit({
      type: 'backend',
      backend: 'wasm',
      via: 'probe',
      probe: [],
      probeMs: 600,
      wasmThreads: false,
    });
    const [a] = state().startLabRuns({ label: 'bn', config, seeds: 1 });
    expect(state().runs[a!]!.backend).toBe('wasm');
  });
});

describe('runStyleAt', () => {
  it('cycles ten solid colours, then the same ten dashed', () => {
    const styles = Array.from({ length: 21 }, (_, i) => runStyleAt(i));
    expect(new Set(styles.slice(0, 10).map((s) => s.color)).size).toBe(10);
    expect(styles.slice(0, 10).every((s) => !s.dashed)).toBe(true);
    expect(styles.slice(10, 20).map((s) => s.color)).toEqual(
      styles.slice(0, 10).map((s) => s.color),
    );
    expect(styles.slice(10, 20).every((s) => s.dashed)).toBe(true);
    expect(styles[20]).toEqual(styles[0]);
  });
});

describe('an experiment opened in the lab', () => {
  it('gives runs drawn alike in the article a look of their own in the lab, article look kept', () => {
    state().launchExperiment('does-bn-work', { ...DOES_BN_WORK_DEFAULTS, steps: 10 });
    const ids = state().launches['does-bn-work']!;
    const before = ids.map((id) => state().runs[id]!.style);
    // Two panels (LR 0.1 and 0.5) draw plain and BN alike.
    expect(new Set(before.map((s) => `${s.color}${s.dashed}`)).size).toBe(2);
    state().openExperimentInLab('does-bn-work', { ...DOES_BN_WORK_DEFAULTS, steps: 10 });
    const after = ids.map((id) => state().runs[id]!.style);
    expect(new Set(after.map((s) => `${s.color}${s.dashed}`)).size).toBe(4);
    expect(ids.map((id) => state().runs[id]!.panelStyle)).toEqual(before);
    expect(state().editor.label).toBe('CNN, LR 0.1');
    expect(state().editor.config.steps).toBe(10);
  });
});

describe('restartRun', () => {
  it('replaces a run in place by a fresh one with its config, name, look and group', () => {
    const [a, b] = state().startLabRuns({ label: 'bn', config, seeds: 2 });
    client.emit({ type: 'status', runId: a!, status: 'stopped' });
    client.emit({ type: 'metrics', chunks: [chunkOf(a!, 'trainLoss', [1], [2])], progress: [] });
    const fresh = state().restartRun(a!)!;
    expect(state().runOrder).toEqual([fresh, b]);
    expect(state().runs[a!]).toBeUndefined();
    expect(state().series[a!]).toBeUndefined();
    const run = state().runs[fresh]!;
    expect([run.label, run.config, run.group, run.status, run.step]).toEqual([
      'bn · seed 5',
      { ...config, seed: 5 },
      state().runs[b!]!.group,
      'queued',
      0,
    ]);
    expect(client.sent.at(-1)).toEqual({
      type: 'start',
      runs: [{ id: fresh, config: run.config }],
    });
  });
});
