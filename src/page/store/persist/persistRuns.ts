/**
 * Keeps the store's runs in IndexedDB as they train: run records when they change, new points as
 * appended chunks, deletions. Writes are batched on a timer, off the path of the training events.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MetricId } from '../../../shared/metrics';
import type { LabState } from '../labState';
import type { RunView } from '../runView';
import type { Series } from '../series';
import type { TrainerCheckpoint } from '../../../shared/checkpoint';
import { FINAL_STATUSES } from '../../../shared/runStatus';
import {
  chunkBytes,
  type LabDatabase,
  type StoredCheckpoint,
  type StoredChunk,
  type StoredRun,
} from './db';
import { errorMessage } from '../../../shared/errorMessage';

/** Milliseconds between a change and its save (changes in between join the same write). */
const SAVE_DELAY_MS = 1000;

export interface Persister {
  /** Write everything not yet written; resolves when it is stored. */
  flush(): Promise<void>;
  /**
   * Take what another tab stored as written by this page, so it is not written back: the run's
   * record as stored now and, where given, the view that shows it, its series' lengths and its
   * checkpoint.
   */
  adopt(run: AdoptedRun): void;
  stop(): void;
}

/** A run (or part of one) another tab stored. */
interface AdoptedRun {
  record: StoredRun;
  /** The store's view of it now (left out for a run this page trains: its live fields are its own). */
  view?: RunView;
  /** Points of each series now in the store, all of them stored. */
  lengths?: readonly (readonly [MetricId, number])[];
  checkpoint?: TrainerCheckpoint;
}

/** What one saved transaction changed, by run id (for the other tabs). */
interface SavedChange {
  saved: string[];
  deleted: string[];
  /** Runs whose stored points were replaced rather than added to. */
  rewritten: string[];
}

export interface PersistOptions {
  delayMs?: number;
  /** A save failed (quota, storage blocked); what is already stored stays. */
  onError(message: string): void;
  /** Called after each successful write (to refresh the storage estimate, say). */
  afterWrite?: () => void;
  /** Called after each stored transaction with the runs it wrote (to tell the other tabs). */
  onSaved?: (change: SavedChange) => void;
  /** Runs that were already stored when persisting started (they are not rewritten). */
  known?: {
    runs: readonly RunView[];
    series: LabState['series'];
    checkpoints?: LabState['checkpoints'];
  };
}

/** A clear sentence for a failed save. */
export function saveErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const quota = name === 'QuotaExceededError' || /quota/i.test(String(error));
  return quota
    ? 'The browser’s storage is full: new points are not being saved (runs saved so far are kept). Delete old runs to free space.'
    : `Saving runs failed (${errorMessage(error)}); runs saved so far are kept.`;
}

const seriesKey = (runId: string, metric: string) => `${runId}\u0000${metric}`;

/**
 * Most point chunks one transaction adds. A write of every run's new points in one transaction
 * (48 runs x 10 metrics) held the page for 50-100 ms; slices of this size take a few ms each.
 */
export const CHUNKS_PER_TRANSACTION = 64;

/**
 * Most runs one transaction writes. The records of a 48-run sweep, put in one transaction when the
 * runs were queued (no points yet), held the page for about 30 ms.
 */
export const RUNS_PER_TRANSACTION = 12;

/** The fields of a stored run that changed, and the whole record they come from. */
interface RunUpdate {
  key: string;
  changes: Partial<StoredRun>;
  record: StoredRun;
}

/**
 * The fields of `after` that differ from `before` (by identity: the store replaces what changes),
 * a field gone as undefined; null when none differs.
 */
export function changedFields(before: StoredRun, after: StoredRun): Partial<StoredRun> | null {
  const changes: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof StoredRun>;
  for (const key of keys) if (before[key] !== after[key]) changes[key] = after[key];
  return Object.keys(changes).length > 0 ? (changes as Partial<StoredRun>) : null;
}

/** What one transaction writes: whole runs (a run's record, points and checkpoint go together). */
export interface WriteSlice {
  chunks: StoredChunk[];
  /** The series lengths stored once the slice is written, by series key. */
  lengths: [string, number][];
  /** Records of runs not stored before by this page, written whole. */
  runs: StoredRun[];
  /** Runs stored before: only the fields that changed since, so another tab's edits stay. */
  updates: RunUpdate[];
  deleted: string[];
  /** Runs whose stored points are replaced (a resumed run dropped its points after the checkpoint). */
  rewrite: string[];
  checkpoints: StoredCheckpoint[];
}

const emptySlice = (): WriteSlice => ({
  chunks: [],
  lengths: [],
  runs: [],
  updates: [],
  deleted: [],
  rewrite: [],
  checkpoints: [],
});

/** A run's view as stored: live-only fields (speed) left out, its place and points' size added. */
function recordOf(run: RunView, order: number, bytes: number): StoredRun {
  const { stepsPerSecond: _speed, msPerStep: _ms, ...fields } = run;
  return { ...fields, order, bytes };
}

const runOfKey = (key: string) => key.slice(0, key.indexOf('\u0000'));

/**
 * One write cut into transactions of whole runs holding at most `maxChunks` chunks and `maxRuns`
 * runs each (a run with more chunks gets one of its own); deletions go first. Empty when there is
 * nothing to write.
 */
export function sliceWrite(
  all: WriteSlice,
  maxChunks: number,
  maxRuns: number = RUNS_PER_TRANSACTION,
): WriteSlice[] {
  const byRun = new Map<string, WriteSlice>();
  const of = (id: string) => {
    let slice = byRun.get(id);
    if (!slice) byRun.set(id, (slice = emptySlice()));
    return slice;
  };
  for (const r of all.runs) of(r.id).runs.push(r);
  for (const u of all.updates) of(u.key).updates.push(u);
  for (const id of all.rewrite) of(id).rewrite.push(id);
  for (const c of all.checkpoints) of(c.runId).checkpoints.push(c);
  for (const c of all.chunks) of(c.runId).chunks.push(c);
  for (const entry of all.lengths) of(runOfKey(entry[0])).lengths.push(entry);
  const slices: WriteSlice[] = [];
  let current = emptySlice();
  current.deleted = [...all.deleted];
  /** Runs in the current slice. */
  let runs = 0;
  for (const run of byRun.values()) {
    const used = current.chunks.length;
    if ((used > 0 && used + run.chunks.length > maxChunks) || runs === maxRuns) {
      slices.push(current);
      current = emptySlice();
      runs = 0;
    }
    runs += 1;
    current.chunks.push(...run.chunks);
    current.lengths.push(...run.lengths);
    current.runs.push(...run.runs);
    current.updates.push(...run.updates);
    current.rewrite.push(...run.rewrite);
    current.checkpoints.push(...run.checkpoints);
  }
  const empty = (slice: WriteSlice) =>
    Object.values(slice).every((list: unknown[]) => list.length === 0);
  if (!empty(current)) slices.push(current);
  return slices;
}

/** Resolves in a later task (a timer), after the page has had its turn. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Did some run reach a final status in this change? */
function justEnded(state: LabState, previous: LabState): boolean {
  if (state.runs === previous.runs) return false;
  return Object.entries(state.runs).some(
    ([id, run]) =>
      FINAL_STATUSES.has(run.status) && !FINAL_STATUSES.has(previous.runs[id]?.status ?? 'queued'),
  );
}

export function persistRuns(
  store: StoreApi<LabState>,
  db: LabDatabase,
  { delayMs = SAVE_DELAY_MS, onError, known, afterWrite, onSaved }: PersistOptions,
): Persister {
  /** The run views last written, by id (compared by identity: the store replaces what changes). */
  const written = new Map<string, RunView>(known?.runs.map((r) => [r.id, r]));
  /** The records last written (or read at start), by id: what a change is measured against. */
  const writtenRecords = new Map<string, StoredRun>();
  /** Points of each series already written. */
  const savedLength = new Map<string, number>();
  /** The checkpoint objects last written, by run id. */
  const writtenCheckpoints = new Map<string, TrainerCheckpoint>(
    Object.entries(known?.checkpoints ?? {}),
  );
  /** Bytes of each run's written points. */
  const runBytes = new Map<string, number>();
  for (const [runId, perRun] of Object.entries(known?.series ?? {})) {
    for (const [metric, s] of Object.entries(perRun)) {
      savedLength.set(seriesKey(runId, metric), s.length);
      runBytes.set(runId, (runBytes.get(runId) ?? 0) + s.length * 12);
    }
  }
  known?.runs.forEach((run, order) =>
    writtenRecords.set(run.id, recordOf(run, order, runBytes.get(run.id) ?? 0)),
  );
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let failed = false;

  /** What changed since the last write, as records to put, chunks to add, ids to delete. */
  function collect(state: LabState): WriteSlice {
    const chunks: StoredChunk[] = [];
    const lengths: [string, number][] = [];
    const runs: StoredRun[] = [];
    const updates: RunUpdate[] = [];
    /** Runs whose stored points are replaced (a resumed run dropped its points after the checkpoint). */
    const rewrite: string[] = [];
    const checkpoints: StoredCheckpoint[] = [];
    state.runOrder.forEach((id, order) => {
      const run = state.runs[id];
      if (!run) return;
      const perRun = Object.entries(state.series[id] ?? {}) as [MetricId, Series][];
      const shrunk = perRun.some(
        ([metric, s]) => s.length < (savedLength.get(seriesKey(id, metric)) ?? 0),
      );
      if (shrunk) {
        rewrite.push(id);
        runBytes.set(id, 0);
        for (const [metric] of perRun) savedLength.set(seriesKey(id, metric), 0);
      }
      const checkpoint = state.checkpoints[id];
      if (checkpoint && writtenCheckpoints.get(id) !== checkpoint)
        checkpoints.push({ runId: id, checkpoint });
      let added = false;
      for (const [metric, s] of perRun) {
        const key = seriesKey(id, metric);
        const from = savedLength.get(key) ?? 0;
        if (s.length <= from) continue;
        added = true;
        const chunk = {
          runId: id,
          metric,
          steps: s.steps.slice(from, s.length),
          times: s.times.slice(from, s.length),
          values: s.values.slice(from, s.length),
        };
        chunks.push(chunk);
        lengths.push([key, s.length]);
        runBytes.set(id, (runBytes.get(id) ?? 0) + chunkBytes(chunk));
      }
      if (written.get(id) !== run || added) {
        const record = recordOf(run, order, runBytes.get(id) ?? 0);
        const before = writtenRecords.get(id);
        const changes = before ? changedFields(before, record) : null;
        if (!before) runs.push(record);
        else if (changes) updates.push({ key: id, changes, record });
      }
    });
    const deleted = [...written.keys()].filter((id) => !state.runs[id]);
    return { chunks, lengths, runs, updates, deleted, rewrite, checkpoints };
  }

  /** Store one slice; on success, remember what it wrote. */
  async function writeSlice(state: LabState, slice: WriteSlice): Promise<void> {
    const { chunks, lengths, runs, updates, deleted, rewrite, checkpoints } = slice;
    await db.transaction('rw', db.runs, db.chunks, db.checkpoints, async () => {
      if (deleted.length > 0) {
        await db.runs.bulkDelete(deleted);
        await db.chunks.where('runId').anyOf(deleted).delete();
        await db.checkpoints.bulkDelete(deleted);
      }
      if (rewrite.length > 0) await db.chunks.where('runId').anyOf(rewrite).delete();
      if (runs.length > 0) await db.runs.bulkPut(runs);
      // A run another tab deleted is not brought back: an update of a missing record does nothing.
      if (updates.length > 0) await db.runs.bulkUpdate(updates);
      if (chunks.length > 0) await db.chunks.bulkAdd(chunks);
      if (checkpoints.length > 0) await db.checkpoints.bulkPut(checkpoints);
    });
    for (const c of checkpoints) writtenCheckpoints.set(c.runId, c.checkpoint);
    for (const [key, length] of lengths) savedLength.set(key, length);
    for (const r of [...runs, ...updates.map((u) => u.record)]) {
      writtenRecords.set(r.id, r);
      const view = state.runs[r.id];
      if (view) written.set(r.id, view);
    }
    const saved = new Set([
      ...runs.map((r) => r.id),
      ...updates.map((u) => u.key),
      ...chunks.map((c) => c.runId),
      ...checkpoints.map((c) => c.runId),
      ...rewrite,
    ]);
    onSaved?.({ saved: [...saved], deleted: [...deleted], rewritten: [...rewrite] });
    for (const id of deleted) {
      written.delete(id);
      writtenRecords.delete(id);
      writtenCheckpoints.delete(id);
      runBytes.delete(id);
      for (const key of [...savedLength.keys()])
        if (key.startsWith(`${id}\u0000`)) savedLength.delete(key);
    }
  }

  async function write(): Promise<void> {
    const state = store.getState();
    const slices = sliceWrite(collect(state), CHUNKS_PER_TRANSACTION);
    if (slices.length === 0) return;
    let done = 0;
    try {
      for (const slice of slices) {
        // A task between two slices, so the page can draw and answer a press in between.
        if (done > 0) await nextTask();
        await writeSlice(state, slice);
        done += 1;
      }
      failed = false;
      afterWrite?.();
    } catch (error) {
      // Counted bytes of the chunks not written are recounted when they are written again.
      for (const slice of slices.slice(done))
        for (const c of slice.chunks)
          runBytes.set(c.runId, (runBytes.get(c.runId) ?? 0) - chunkBytes(c));
      if (done > 0) afterWrite?.();
      // Say it once per failure streak, not on every retry.
      if (!failed) onError(saveErrorMessage(error));
      failed = true;
    }
  }

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(write);
    return writing;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    // A run that just ended is saved at once: its last points and status must not wait (or be lost
    // with the tab); everything else is batched.
    if (justEnded(state, previous)) void flush();
    else timer ??= setTimeout(() => void flush(), delayMs);
  });

  return {
    flush,
    adopt({ record, view, lengths, checkpoint }) {
      writtenRecords.set(record.id, record);
      if (view) written.set(record.id, view);
      if (lengths) {
        for (const [metric, length] of lengths)
          savedLength.set(seriesKey(record.id, metric), length);
        runBytes.set(record.id, record.bytes);
      }
      if (checkpoint) writtenCheckpoints.set(record.id, checkpoint);
    },
    stop() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
