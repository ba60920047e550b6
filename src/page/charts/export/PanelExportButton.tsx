/** "Download panel PNG": a whole panel (several charts, their headings) as one 2x image for slides. */
import type { RefObject } from 'react';
import { savePng } from './actions';
import { ExportMessageLine } from './ExportMessageLine';
import { useExportStatus } from './useExportStatus';

export function PanelExportButton({
  target,
  fileName,
  label = 'Download panel PNG',
}: {
  /** The panel to draw. */
  target: RefObject<HTMLElement | null>;
  /** Middle part of the file name, before slugging (`bnlab-<name>-<date>.png`). */
  fileName: string;
  label?: string;
}) {
  const { busy, message, run } = useExportStatus();
  return (
    <span className="panel-export" data-export-ignore="">
      <button
        type="button"
        data-testid="panel-export-png"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => {
          const element = target.current;
          if (element)
            void run(label, async () => {
              await savePng(element, fileName);
              return null;
            });
        }}
      >
        {label}
      </button>
      <ExportMessageLine message={message} testId="panel-export-message" />
    </span>
  );
}
