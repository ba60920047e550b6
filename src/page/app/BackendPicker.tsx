/** The backend badge: which tfjs backend trains, how it was chosen, and a menu to pick another. */
import { BACKENDS, type BackendChoice, type ProbeResult } from '../../shared/backends';
import { useLab } from '../store/LabContext';
import { formatBytes, formatRate } from '../panels/format';
import { LiveText } from '../panels/LiveText';
import { WorkersPicker } from './WorkersPicker';

/** "training 1234 steps/s in all", with room for a five-digit speed. */
const TOTAL_RATE_WIDTH = '27ch';

const PHASE_TEXT = {
  starting: 'starting the training worker…',
  'loading-data': 'loading MNIST…',
  probing: 'measuring backends…',
  ready: '',
  fatal: 'stopped',
} as const;

function describeProbe(result: ProbeResult): string {
  if (result.outcome === 'ok' && result.msPerStep !== undefined) {
    return `${result.backend}: ${(1000 / result.msPerStep).toFixed(1)} steps/s`;
  }
  return `${result.backend}: ${result.outcome}${result.message ? ` (${result.message})` : ''}`;
}

export function BackendPicker() {
  const phase = useLab((s) => s.phase);
  const backend = useLab((s) => s.backend);
  const choice = useLab((s) => s.choice);
  const via = useLab((s) => s.via);
  const probe = useLab((s) => s.probe);
  const threads = useLab((s) => s.wasmThreads);
  const dataset = useLab((s) => s.dataset);
  const unfinished = useLab((s) =>
    Object.values(s.runs).some((r) => ['queued', 'running', 'paused'].includes(r.status)),
  );
  const chooseBackend = useLab((s) => s.chooseBackend);
  const probeMs = useLab((s) => s.probeMs);
  const probeText =
    probe.map(describeProbe).join(' · ') +
    (probeMs === null ? '' : ` (chosen in ${(probeMs / 1000).toFixed(1)} s)`);
  return (
    <div className="backend" aria-live="polite">
      <span className="dataset-badge" data-testid="dataset-badge">
        {dataset
          ? `MNIST: ${dataset.images.toLocaleString('en')} digits (${formatBytes(dataset.bytes)})`
          : 'MNIST: loading…'}
      </span>
      <span
        className="backend-badge"
        data-testid="backend-badge"
        title={probeText}
        data-backend={backend ?? ''}
      >
        {backend ?? '…'}
        {backend === 'wasm' && (threads ? ' (threads)' : ' (1 thread)')}
        {via &&
          ` · ${via === 'probe' ? 'fastest in probe' : via === 'remembered' ? 'remembered' : 'your choice'}`}
      </span>
      {phase !== 'ready' && <span className="phase">{PHASE_TEXT[phase]}</span>}
      {/* Its place is kept while nothing trains, so the header never moves when runs start or end. */}
      <span className="phase">
        <TotalRate />
      </span>
      <label className="backend-select">
        Backend
        <select
          value={choice}
          disabled={phase !== 'ready' || unfinished}
          title={
            unfinished ? 'stop the unfinished runs to switch backend' : 'auto measures each backend'
          }
          onChange={(e) => chooseBackend(e.target.value as BackendChoice)}
        >
          <option value="auto">auto (measure)</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <WorkersPicker />
      {probe.length > 0 && (
        <span className="probe-detail" title={probeText}>
          {probeText}
        </span>
      )}
    </div>
  );
}

/**
 * The steps per second of all running runs together: a component of its own, so a new speed at
 * every streamed batch re-renders this text and not the backend picker around it.
 */
function TotalRate() {
  const totalRate = useLab((s) =>
    Object.values(s.runs).reduce(
      (sum, r) => sum + (r.status === 'running' ? r.stepsPerSecond : 0),
      0,
    ),
  );
  return (
    <LiveText width={TOTAL_RATE_WIDTH} testId="total-rate">
      {totalRate > 0 ? `training ${formatRate(totalRate)} steps/s in all` : ''}
    </LiveText>
  );
}
