/**
 * A chart's export menu: an "Export" button in the title row that opens Download PNG, Download SVG
 * and Copy PNG. A disclosure (Tab moves through the buttons, Escape closes); it and its messages
 * are left out of the images it makes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { savePng, saveSvg } from './actions';
import { copyElementPng, type CopyResult } from './chartImage';
import type { SvgLegendItem } from './chartSvg';
import { ExportMessageLine } from './ExportMessageLine';
import { useExportStatus, type ExportMessage } from './useExportStatus';

const COPY_MESSAGES: Record<CopyResult, ExportMessage> = {
  copied: { text: 'Copied to the clipboard.', tone: 'ok' },
  unavailable: { text: 'Copy is not available here: use Download PNG.', tone: 'problem' },
  refused: { text: 'The browser refused the copy: use Download PNG.', tone: 'problem' },
};
const NOTHING_DRAWN: ExportMessage = { text: 'Nothing drawn yet to export.', tone: 'problem' };

export function ChartExportMenu({
  figure,
  title,
  legend,
  fileName,
  describedBy,
}: {
  /** The chart's card (title, legend, drawing): what the PNG shows. */
  figure: RefObject<HTMLElement | null>;
  title: string;
  legend: readonly SvgLegendItem[];
  /** Middle part of the file names, before slugging (`bnlab-<name>-<date>.png`). */
  fileName: string;
  /** Id of the element naming the chart (its caption). */
  describedBy: string;
}) {
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const { busy, message, run } = useExportStatus();

  // A press anywhere outside closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  /** Close the menu, keep focus on its button (the pressed item disappears), then export. */
  const act = (what: string, task: (element: HTMLElement) => Promise<ExportMessage | null>) => {
    setOpen(false);
    toggle.current?.focus();
    const element = figure.current;
    if (element) void run(what, () => task(element));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    }
  };

  return (
    <div
      ref={wrapper}
      className="chart-export"
      data-export-ignore=""
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        // Tabbing out closes it; focus going nowhere (a click in Safari) is left to pointerdown.
        const next = event.relatedTarget;
        if (open && next instanceof Node && !wrapper.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="chart-export-toggle"
        data-testid="chart-export"
        aria-expanded={open}
        aria-controls={menuId}
        aria-describedby={describedBy}
        aria-busy={busy || undefined}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      <div
        id={menuId}
        className="chart-export-menu"
        role="group"
        aria-label="Export"
        hidden={!open}
      >
        <button
          type="button"
          data-testid="chart-export-png"
          disabled={busy}
          onClick={() =>
            act('Download PNG', async (element) => {
              await savePng(element, fileName);
              return null;
            })
          }
        >
          Download PNG
        </button>
        <button
          type="button"
          data-testid="chart-export-svg"
          disabled={busy}
          onClick={() =>
            act('Download SVG', async (element) =>
              saveSvg(element, title, legend, fileName) ? null : NOTHING_DRAWN,
            )
          }
        >
          Download SVG
        </button>
        <button
          type="button"
          data-testid="chart-export-copy"
          disabled={busy}
          onClick={() =>
            act('Copy PNG', async (element) => COPY_MESSAGES[await copyElementPng(element)])
          }
        >
          Copy PNG
        </button>
      </div>
      <ExportMessageLine message={message} testId="chart-export-message" />
    </div>
  );
}
