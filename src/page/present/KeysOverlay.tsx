/** The `?` overlay: every presentation key and what it does. */
import { useEffect, useRef } from 'react';
import { PRESENT_KEYS } from './presentKeys';

export function KeysOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="present-overlay" role="dialog" aria-modal="true" aria-labelledby="keys-title">
      <div className="present-overlay-box">
        <h2 id="keys-title">Keys</h2>
        <dl className="present-keys" data-testid="present-keys">
          {PRESENT_KEYS.map((k) => (
            <div key={k.action}>
              <dt>
                <kbd>{k.shown}</kbd>
              </dt>
              <dd>{k.label}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
