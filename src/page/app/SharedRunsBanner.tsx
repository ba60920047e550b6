/** A link brought a set of runs: name them and ask before training anything. */
import type { SharedSetup } from '../url/shareLink';

export function SharedRunsBanner({
  setups,
  onStart,
  onDismiss,
}: {
  setups: SharedSetup[];
  onStart: () => void;
  onDismiss: () => void;
}) {
  const total = setups.reduce((n, s) => n + s.seeds, 0);
  return (
    <section className="notice shared-runs" aria-label="Runs from a link" data-testid="shared-runs">
      <p>
        This link holds {setups.length === 1 ? 'a run' : `${setups.length} runs`}
        {total > setups.length ? ` (${total} with their seeds)` : ''}:{' '}
        {setups.map((s) => s.label).join(', ')}. Train {total === 1 ? 'it' : 'them'} here?
      </p>
      <div className="train-actions">
        <button type="button" className="primary" onClick={onStart}>
          Start {total === 1 ? 'it' : `${total} runs`}
        </button>
        <button type="button" onClick={onDismiss}>
          Not now
        </button>
      </div>
    </section>
  );
}
