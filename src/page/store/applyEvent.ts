/** How each worker event changes the store: a pure function of the state and the event. */
import { assertNever } from '../../shared/assertNever';
import { UNFINISHED_STATUSES, type SessionEvent } from '../../shared/runStatus';
import type { WorkerEvent } from '../../shared/workerProtocol';
import type { LabState } from './labState';
import { appendChunk, EMPTY_SERIES } from './series';

type Change = Partial<LabState>;

function applyMetrics(state: LabState, event: Extract<SessionEvent, { type: 'metrics' }>): Change {
  const series = { ...state.series };
  for (const chunk of event.chunks) {
    // Points of a run deleted while its last chunk was on the way are dropped.
    if (!state.runs[chunk.runId]) continue;
    const perRun = { ...series[chunk.runId] };
    perRun[chunk.metric] = appendChunk(perRun[chunk.metric] ?? EMPTY_SERIES, chunk);
    series[chunk.runId] = perRun;
  }
  const runs = { ...state.runs };
  for (const p of event.progress) {
    const run = runs[p.runId];
    if (run) {
      runs[p.runId] = {
        ...run,
        step: p.step,
        stepsPerSecond: p.stepsPerSecond,
        msPerStep: p.msPerStep,
      };
    }
  }
  return { series, runs };
}

/**
 * A worker crashed under these runs: one with a checkpoint becomes interrupted (resumable from it),
 * one without fails; the page says once what happened.
 */
function lostRuns(state: LabState, event: Extract<WorkerEvent, { type: 'workerLost' }>): Change {
  const runs = { ...state.runs };
  let resumable = 0;
  let failed = 0;
  for (const id of event.runIds) {
    const run = runs[id];
    if (!run || !UNFINISHED_STATUSES.has(run.status)) continue;
    const checkpoint = state.checkpoints[id];
    if (checkpoint) resumable += 1;
    else failed += 1;
    runs[id] = checkpoint
      ? {
          ...run,
          status: 'interrupted',
          message: `${event.message}; it can resume from step ${checkpoint.step}`,
        }
      : { ...run, status: 'failed', message: event.message };
  }
  const parts = [
    resumable > 0
      ? `${resumable} run${resumable === 1 ? '' : 's'} can resume from a checkpoint`
      : '',
    failed > 0 ? `${failed} run${failed === 1 ? '' : 's'} failed before any checkpoint` : '',
  ].filter(Boolean);
  const what = event.message.charAt(0).toUpperCase() + event.message.slice(1);
  const id = state.noticeCount + 1;
  const text =
    `${what}. ` +
    (parts.length > 0 ? `${parts.join(', ')}; their points are kept. ` : '') +
    (event.replaced
      ? 'The other runs go on; a new worker takes its place.'
      : 'No new worker is started.');
  return { runs, noticeCount: id, notices: [...state.notices, { id, text }] };
}

export function applyEvent(state: LabState, event: WorkerEvent): Change {
  switch (event.type) {
    case 'phase':
      return { phase: event.phase };
    case 'dataset':
      return { dataset: { images: event.images, bytes: event.bytes } };
    case 'backend':
      return {
        backend: event.backend,
        // The menu shows what is in force: a backend the user picked, or 'auto' for the probe's.
        choice: event.via === 'user' ? event.backend : 'auto',
        via: event.via,
        probe: event.probe,
        probeMs: event.probeMs,
        wasmThreads: event.wasmThreads,
      };
    case 'workers': {
      const { type: _type, ...workers } = event;
      return { workers };
    }
    case 'workerLost':
      return lostRuns(state, event);
    case 'rejected': {
      const id = state.noticeCount + 1;
      return { noticeCount: id, notices: [...state.notices, { id, text: event.message }] };
    }
    case 'fatal': {
      // Runs that were training cannot finish: say so on each, keep their points.
      const runs = { ...state.runs };
      for (const [id, run] of Object.entries(runs)) {
        // Runs another tab trains go on there.
        if (UNFINISHED_STATUSES.has(run.status) && !state.elsewhere[id]) {
          runs[id] = { ...run, status: 'failed', message: event.message };
        }
      }
      return { phase: 'fatal', fatal: event.message, runs };
    }
    case 'status': {
      const run = state.runs[event.runId];
      if (!run) return {};
      const updated = { ...run, status: event.status, message: event.message ?? null };
      return { runs: { ...state.runs, [event.runId]: updated } };
    }
    case 'metrics':
      return applyMetrics(state, event);
    case 'checkpoint':
      // Only the latest is kept: resuming goes back to it.
      return state.runs[event.runId]
        ? { checkpoints: { ...state.checkpoints, [event.runId]: event.checkpoint } }
        : {};
    default:
      return assertNever(event);
  }
}
