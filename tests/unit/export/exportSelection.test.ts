import { describe, expect, it } from 'vitest';
import { exchangeSchema, toCsv, toExchange } from '../../../src/shared/exchange';
import { DEFAULT_RUN_CONFIG } from '../../../src/shared/runConfig';
import { runsForExport, visibleRunIds } from '../../../src/page/store/exportSelection';
import { createLabStore } from '../../../src/page/store/labStore';
import { chunkOf, createFakeClient, createFakeMemory, DATA_URLS } from '../support/fakeLab';

function labWithRuns() {
  const client = createFakeClient();
  const store = createLabStore(client, createFakeMemory(null), DATA_URLS);
  const config = { ...DEFAULT_RUN_CONFIG, seed: 3, steps: 4 };
  const [a = '', b = ''] = store
    .getState()
    .startLabRuns({ label: 'plain, "quoted"', config, seeds: 2 });
  client.emit({ type: 'status', runId: a, status: 'running' });
  client.emit({
    type: 'metrics',
    chunks: [
      chunkOf(a, 'trainLoss', [1, 2, 3], [2.3, 1.9, NaN]),
      chunkOf(a, 'testAccuracy', [3], [0.4]),
      chunkOf(b, 'trainLoss', [1, 2], [2.2, 2.0]),
    ],
    progress: [{ runId: a, step: 3, stepsPerSecond: 10, msPerStep: 5 }],
  });
  client.emit({
    type: 'metrics',
    chunks: [chunkOf(a, 'trainLoss', [4], [1.5])],
    progress: [{ runId: a, step: 4, stepsPerSecond: 10, msPerStep: 5 }],
  });
  client.emit({ type: 'status', runId: a, status: 'completed' });
  client.emit({
    type: 'status',
    runId: b,
    status: 'diverged',
    message: 'The loss became NaN at step 2.',
  });
  return { store, a, b };
}

describe('runsForExport', () => {
  it('gives each run view with its series, in the order asked, skipping unknown ids', () => {
    const { store, a, b } = labWithRuns();
    const runs = runsForExport(store.getState(), [b, 'ghost', a]);
    expect(runs.map((r) => r.id)).toEqual([b, a]);
    const run = runs[1]!;
    const view = store.getState().runs[a]!;
    expect(run).toMatchObject({
      label: view.label,
      config: view.config,
      status: 'completed',
      step: 4,
      experimentId: 'lab',
      group: view.group,
      style: { color: view.style.color, dashed: view.style.dashed },
    });
    expect(Object.keys(run.series).sort()).toEqual(['testAccuracy', 'trainLoss']);
    expect(run.series.trainLoss?.length).toBe(4);
  });

  it('feeds toCsv one line per point under the header', () => {
    const { store, a, b } = labWithRuns();
    const csv = toCsv(runsForExport(store.getState(), [a, b]));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('run,label,status,reason,step,time_ms,metric,value');
    // a: 4 train-loss points + 1 test-accuracy point; b: 2 train-loss points.
    expect(lines).toHaveLength(1 + 5 + 2);
    expect(lines.filter((l) => l.endsWith(',NaN'))).toHaveLength(1);
    expect(lines[1]).toContain('"plain, ""quoted"" · seed 3",completed,,1,');
    // Every line of the diverged run says why it stopped.
    expect(lines.at(-1)).toMatch(/,diverged,The loss became NaN at step 2\.,2,/);
  });

  it('feeds toExchange a document the import schema accepts', () => {
    const { store } = labWithRuns();
    const state = store.getState();
    const doc = toExchange(
      runsForExport(state, state.runOrder),
      'BatchNorm Lab 0.1.0 (browser)',
      new Date(0),
    );
    const parsed = exchangeSchema.safeParse(JSON.parse(JSON.stringify(doc)));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.runs).toHaveLength(2);
    expect(parsed.data?.runs.map((r) => [r.status, r.message])).toEqual([
      ['completed', null],
      ['diverged', 'The loss became NaN at step 2.'],
    ]);
    expect(parsed.data?.runs[0]?.series.trainLoss?.values).toEqual([
      expect.closeTo(2.3, 6),
      expect.closeTo(1.9, 6),
      null,
      1.5,
    ]);
  });
});

describe('visibleRunIds', () => {
  it('keeps the visible runs in list order', () => {
    const { store, a, b } = labWithRuns();
    expect(visibleRunIds(store.getState())).toEqual([a, b]);
    store.getState().setRunVisible(a, false);
    expect(visibleRunIds(store.getState())).toEqual([b]);
  });
});
