import type { BackendName } from './backends';
import type { RunConfig } from './runConfig';
import type { RunStatus } from './runStatus';

/**
 * What every form of a run shares: the page's view of it, the record an export writes and the run
 * an import reads. Each adds its own id, look and points.
 */
export interface RunRecord {
  label: string;
  config: RunConfig;
  status: RunStatus;
  /** Why it stopped, diverged, stalled or failed; null when it simply ran or completed. */
  message: string | null;
  /** Steps finished. */
  step: number;
  /** Backend in force when it started (null: not known, e.g. a command-line run). */
  backend: BackendName | null;
  /** The article experiment that launched it, or 'lab'. */
  experimentId: string;
  /** Runs started together that differ only in seed share a group; otherwise the run's own id. */
  group: string;
}
