/** The short message of an export control, in a live region that is always there (so it is read). */
import type { ExportMessage } from './useExportStatus';

export function ExportMessageLine({
  message,
  testId,
}: {
  message: ExportMessage | null;
  testId: string;
}) {
  return (
    <span className="export-message" role="status" data-testid={testId} data-tone={message?.tone}>
      {message?.text}
    </span>
  );
}
