/**
 * Takes in what the other tabs store: on each message of another tab, the runs it names are read
 * from IndexedDB and merged into this tab's store (new runs, changed records, new points, fresh
 * series where it rewrote them), runs it deleted are deleted here too (and stopped, if this tab
 * trained them), and the persister adopts all of it as written, so nothing is written back. A run
 * this tab trains keeps its live fields (status, step): only what a user edits (name, colour,
 * shown) comes from the other tab.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { TrainerCheckpoint } from '../../../shared/checkpoint';
import type { MetricId } from '../../../shared/metrics';
import { UNFINISHED_STATUSES } from '../../../shared/runStatus';
import type { LabState } from '../labState';
import type { OtherTabUpdate } from '../otherTabsSlice';
import type { RunView } from '../runView';
import { appendChunk, EMPTY_SERIES, type Series } from '../series';
import type { LabDatabase, StoredChunk, StoredRun } from './db';
import type { Persister } from './persistRuns';
import type { TabLink, TabMessage } from './tabLink';
import { errorMessage } from '../../../shared/errorMessage';
import { takeDatasets } from './tabDatasets';

/** Fields of a run a user edits: another tab's edits of them apply to runs this tab trains. */
const EDITED_FIELDS = ['label', 'style', 'visible'] as const;

/** Does this tab train the run (queued, training or paused, and not another tab's run)? */
function trainedHere(state: LabState, run: RunView): boolean {
  return UNFINISHED_STATUSES.has(run.status) && !state.elsewhere[run.id];
}

/** A stored run as this tab shows it while another tab may be training it (status as stored). */
function liveView(record: StoredRun): RunView {
  const { order: _order, bytes: _bytes, ...fields } = record;
  return { ...fields, stepsPerSecond: 0, msPerStep: 0 };
}

/** Series built from chunks in key order, appended to `start` (a run's current series, or none). */
function withChunks(
  start: Partial<Record<MetricId, Series>>,
  chunks: readonly StoredChunk[],
): Partial<Record<MetricId, Series>> {
  const out: Partial<Record<MetricId, Series>> = {};
  for (const chunk of chunks) {
    out[chunk.metric] = appendChunk(
      out[chunk.metric] ?? start[chunk.metric] ?? EMPTY_SERIES,
      chunk,
    );
  }
  return out;
}

export function followOtherTabs(
  store: StoreApi<LabState>,
  db: LabDatabase,
  persister: Persister,
  link: TabLink,
  /** Key of the last chunk this tab has read (chunks after it are new). */
  lastChunkKey: number,
  onError: (message: string) => void,
): void {
  let seen = lastChunkKey;
  let queue: Promise<void> = Promise.resolve();
  /**
   * Runs deleted in this tab (ids are never reused): a record read before its deletion must not
   * bring it back, nor anything another tab stored of it before hearing of the deletion.
   */
  const gone = new Set<string>();
  store.subscribe((state, previous) => {
    if (state.runs === previous.runs) return;
    for (const id of Object.keys(previous.runs)) if (!state.runs[id]) gone.add(id);
  });

  /** The tab `tab` closed: its runs become interrupted, with their stored checkpoints. */
  const closed = async (tab: string) => {
    const ids = Object.entries(store.getState().elsewhere).flatMap(([id, t]) =>
      t === tab ? [id] : [],
    );
    const stored = await db.checkpoints.bulkGet(ids);
    const checkpoints: Record<string, TrainerCheckpoint> = {};
    for (const c of stored) if (c) checkpoints[c.runId] = c.checkpoint;
    store.getState().otherTabClosed(tab, checkpoints);
  };

  async function take(message: TabMessage): Promise<void> {
    for (const id of message.deleted) if (store.getState().runs[id]) store.getState().deleteRun(id);
    const names = [...new Set(message.saved)].filter((id) => !gone.has(id));
    const before = store.getState();
    /** Runs read whole: new here, or their points were rewritten. */
    const whole = names.filter((id) => !before.runs[id] || message.rewritten.includes(id));
    /** Runs of other tabs followed already: their new points come without their records. */
    const others = Object.keys(before.elsewhere).filter((id) => !names.includes(id));
    const read = await db.transaction('r', db.runs, db.chunks, db.checkpoints, async () => {
      const records = await db.runs.bulkGet(names);
      // Checkpoints (tens of kB each) only of runs no tab trains: those of a training run are read
      // if its tab closes.
      const resting = records.flatMap((r) =>
        r && !UNFINISHED_STATUSES.has(r.status) ? [r.id] : [],
      );
      return {
        records,
        otherRecords: await db.runs.bulkGet(others),
        wholeChunks: await db.chunks.where('runId').anyOf(whole).sortBy('key'),
        newChunks: await db.chunks.where(':id').above(seen).toArray(),
        checkpoints: await db.checkpoints.bulkGet(resting),
      };
    });
    const state = store.getState();
    const update: OtherTabUpdate = { runs: [], series: {}, checkpoints: {}, trainedIn: {} };
    const adopted = new Map<string, { record: StoredRun; view?: RunView }>();
    read.records.forEach((record) => {
      if (!record || !names.includes(record.id) || gone.has(record.id)) return;
      const local = state.runs[record.id];
      if (local && !whole.includes(record.id) && trainedHere(state, local)) {
        // Ours: only the other tab's edits; its copy of our live fields is older than ours.
        const edited = { ...local };
        for (const field of EDITED_FIELDS) Object.assign(edited, { [field]: record[field] });
        update.runs.push(edited);
        adopted.set(record.id, { record });
        return;
      }
      const view = liveView(record);
      update.runs.push(view);
      update.trainedIn[record.id] = UNFINISHED_STATUSES.has(record.status) ? message.tab : null;
      adopted.set(record.id, { record, view });
    });
    read.checkpoints.forEach((c) => {
      if (c && adopted.get(c.runId)?.view) update.checkpoints[c.runId] = c.checkpoint;
    });
    // Points: whole series for runs read whole; new chunks of the other runs this tab follows.
    const followed = (id: string) =>
      !!state.elsewhere[id] || update.trainedIn[id] !== undefined || adopted.has(id);
    const byRun = new Map<string, StoredChunk[]>();
    for (const id of whole) byRun.set(id, []);
    for (const c of read.wholeChunks) byRun.get(c.runId)?.push(c);
    for (const c of read.newChunks) {
      seen = Math.max(seen, c.key ?? seen);
      if (whole.includes(c.runId) || !followed(c.runId)) continue;
      const local = state.runs[c.runId];
      if (local && trainedHere(state, local) && !adopted.get(c.runId)?.view) continue;
      const list = byRun.get(c.runId) ?? [];
      list.push(c);
      byRun.set(c.runId, list);
    }
    for (const c of read.wholeChunks) seen = Math.max(seen, c.key ?? seen);
    for (const [id, chunks] of byRun) {
      if (gone.has(id)) continue;
      update.series[id] = withChunks(whole.includes(id) ? {} : (state.series[id] ?? {}), chunks);
    }
    if (update.runs.length === 0 && Object.keys(update.series).length === 0) return;
    store.getState().mergeOtherTab(update);
    const now = store.getState();
    for (const [id, { record, view }] of adopted) {
      const lengths = Object.entries(now.series[id] ?? {}).map(
        ([metric, s]) => [metric as MetricId, s.length] as const,
      );
      const checkpoint = now.checkpoints[id];
      persister.adopt({
        record,
        ...(view ? { view: now.runs[id] ?? view, lengths } : {}),
        ...(view && checkpoint ? { checkpoint } : {}),
      });
    }
    // Points of followed runs whose records did not come with this message.
    for (const stored of read.otherRecords) {
      const run = stored && now.runs[stored.id];
      if (!stored || !run || !byRun.has(stored.id)) continue;
      persister.adopt({
        record: stored,
        view: run,
        lengths: Object.entries(now.series[stored.id] ?? {}).map(
          ([metric, s]) => [metric as MetricId, s.length] as const,
        ),
      });
    }
    for (const tab of new Set(Object.values(now.elsewhere))) {
      link.watch(tab, () => void closed(tab));
    }
  }

  link.listen((message) => {
    queue = queue
      .then(async () => {
        if (message.datasets?.length) await takeDatasets(store, db, message.datasets);
        if (message.saved.length > 0 || message.deleted.length > 0) await take(message);
      })
      .catch((error: unknown) =>
        onError(
          `Could not show what another tab saved (${errorMessage(error)}); reload to see it.`,
        ),
      );
  });
}
