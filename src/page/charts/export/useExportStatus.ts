/** The state of an export control: whether an export is under way, and its last short message. */
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a message stays, ms: a success briefly, a problem long enough to read. */
const SHOW_MS = { ok: 4_000, problem: 12_000 } as const;

export interface ExportMessage {
  text: string;
  tone: keyof typeof SHOW_MS;
}

/** Why an export failed, in a few words for the user. */
const reason = (error: unknown) =>
  error instanceof Error && error.message ? error.message : String(error);

export function useExportStatus() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ExportMessage | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const show = useCallback((next: ExportMessage | null) => {
    clearTimeout(timer.current);
    if (!mounted.current) return;
    setMessage(next);
    if (next) timer.current = setTimeout(() => setMessage(null), SHOW_MS[next.tone]);
  }, []);

  /** Run one export; a failure becomes a message instead of an uncaught error. */
  const run = useCallback(
    async (what: string, task: () => Promise<ExportMessage | null>) => {
      show(null);
      setBusy(true);
      try {
        show(await task());
      } catch (error) {
        show({ text: `${what} failed: ${reason(error)}`, tone: 'problem' });
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [show],
  );

  return { busy, message, run };
}
