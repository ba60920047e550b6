/** How each worker event changes the store: a pure function of the state and the event. */
import { assertNever } from '../shared/assertNever';
import type { SessionEvent } from '../shared/runStatus';
import type { WorkerEvent } from '../worker/protocol';
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
    case 'rejected': {
      const id = state.noticeCount + 1;
      return { noticeCount: id, notices: [...state.notices, { id, text: event.message }] };
    }
    case 'fatal': {
      // Runs that were training cannot finish: say so on each, keep their points.
      const runs = { ...state.runs };
      for (const [id, run] of Object.entries(runs)) {
        if (['queued', 'running', 'paused'].includes(run.status)) {
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
