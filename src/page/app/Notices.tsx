/** Messages the user must see: a worker that stopped, a command that was refused. */
import { useLab } from '../store/LabContext';

export function Notices() {
  const fatal = useLab((s) => s.fatal);
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismissNotice);
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {fatal && (
        <p className="notice notice-fatal" data-testid="fatal-notice">
          Training stopped: {fatal}. Runs and their points so far are kept; reload the page to train
          again.
        </p>
      )}
      {notices.map((n) => (
        <p key={n.id} className="notice">
          {n.text}{' '}
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
