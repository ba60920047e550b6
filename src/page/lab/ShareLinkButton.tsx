/** A button that copies a link; where the clipboard is refused, the link is shown to copy by hand. */
import { useState } from 'react';

export function ShareLinkButton({
  label,
  link,
  testId,
}: {
  label: string;
  /** The link to copy, or null when there is nothing to share (the button is disabled). */
  link: () => string | null;
  testId: string;
}) {
  const [shown, setShown] = useState<{ link: string; copied: boolean } | null>(null);
  const copy = async () => {
    const text = link();
    if (!text) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      copied = false;
    }
    setShown({ link: text, copied });
  };
  return (
    <span className="share-link">
      <button type="button" data-testid={testId} onClick={() => void copy()}>
        {label}
      </button>
      {shown && (
        <span role="status" className="field-help">
          {shown.copied ? 'Link copied. ' : 'Copy this link: '}
          <input
            readOnly
            className="share-link-text"
            value={shown.link}
            aria-label="Link"
            data-testid={`${testId}-text`}
            onFocus={(e) => e.currentTarget.select()}
          />
        </span>
      )}
    </span>
  );
}
