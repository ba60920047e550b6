/** Reads the stored runs back: run views in list order and their series, chunks joined in order. */
import type { TrainerCheckpoint } from '../../../shared/checkpoint';
import type { MetricId } from '../../../shared/metrics';
import { checkRunConfig } from '../../../shared/runConfig';
import { FINAL_STATUSES } from '../../../shared/runStatus';
import type { RunView } from '../runView';
import { appendChunk, EMPTY_SERIES, type Series } from '../series';
import type { LabDatabase, StoredRun } from './db';

export interface LoadedRuns {
  runs: RunView[];
  checkpoints: Record<string, TrainerCheckpoint>;
  series: Record<string, Partial<Record<MetricId, Series>>>;
  /** Key of the last stored chunk (0: none): chunks after it were stored later, by another tab. */
  lastChunkKey: number;
}

/** The view of a stored run; one that was still training when the page closed is 'interrupted'. */
function viewOfStored(stored: StoredRun): RunView {
  const { order: _order, bytes: _bytes, ...fields } = stored;
  const cut = !FINAL_STATUSES.has(stored.status);
  // Read through the schema: a run stored before a setting existed gets its default (the dataset).
  const check = checkRunConfig(stored.config);
  return {
    ...fields,
    config: check.ok ? check.config : stored.config,
    status: cut ? 'interrupted' : stored.status,
    message: cut
      ? `The page closed while it trained; its ${stored.step} steps are kept.`
      : stored.message,
    stepsPerSecond: 0,
    msPerStep: 0,
  };
}

export async function loadRuns(db: LabDatabase): Promise<LoadedRuns> {
  return db.transaction('r', db.runs, db.chunks, db.checkpoints, async () => {
    const stored = await db.runs.orderBy('order').toArray();
    const series: LoadedRuns['series'] = {};
    let lastChunkKey = 0;
    await db.chunks.orderBy('key').each((chunk) => {
      lastChunkKey = Math.max(lastChunkKey, chunk.key ?? 0);
      const perRun = (series[chunk.runId] ??= {});
      perRun[chunk.metric] = appendChunk(perRun[chunk.metric] ?? EMPTY_SERIES, chunk);
    });
    const checkpoints = Object.fromEntries(
      (await db.checkpoints.toArray()).map((c) => [c.runId, c.checkpoint]),
    );
    return { runs: stored.map(viewOfStored), series, checkpoints, lastChunkKey };
  });
}
