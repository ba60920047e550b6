/**
 * How the tabs of this browser keep each other's runs in view: after each save a tab names the
 * runs it stored and deleted on a BroadcastChannel, and each tab holds a Web Lock for its life, so
 * the others learn when it has closed. Messages are checked before use (any page of the origin
 * may post on the channel).
 */
import { z } from '../../../shared/zod';

/** Name of the channel (versioned with the message's shape). */
const CHANNEL = 'bnlab-runs-v1';
/** Prefix of the lock each tab holds while open. */
const TAB_LOCK = 'bnlab-tab-';
/** Prefix of the lock a tab holds on a run it resumed, while it trains it. */
const RUN_LOCK = 'bnlab-run-';

const runIds = z.array(z.string().max(200)).max(10_000);
const messageSchema = z.object({
  tab: z.string().min(1).max(100),
  saved: runIds,
  deleted: runIds,
  rewritten: runIds,
  /** Local datasets it imported or deleted (absent in messages about runs only). */
  datasets: z.array(z.string().max(200)).max(1000).optional(),
});

/**
 * One tab's news: the runs it stored (records, points, checkpoints), deleted and rewrote, and the
 * datasets it imported or deleted.
 */
export type TabMessage = z.infer<typeof messageSchema>;

export interface TabLink {
  /** This tab's id. */
  readonly tab: string;
  post(message: Omit<TabMessage, 'tab'>): void;
  /** Calls `listener` with each well-formed message of another tab. */
  listen(listener: (message: TabMessage) => void): void;
  /** Calls `gone` once tab `tab` has closed or reloaded (never where the browser cannot tell). */
  watch(tab: string, gone: () => void): void;
  /**
   * Hold run `id` for this tab (to resume it): resolves to the release, or null when another tab
   * holds it. Where the browser has no locks every claim is granted.
   */
  claim(id: string): Promise<(() => void) | null>;
  close(): void;
}

/** A message as the schema reads it, or null. */
export function readTabMessage(data: unknown): TabMessage | null {
  const parsed = messageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** The browser's link, or null where it has no BroadcastChannel (the tabs then stay apart). */
export function browserTabLink(): TabLink | null {
  if (typeof BroadcastChannel === 'undefined' || typeof crypto?.randomUUID !== 'function') {
    return null;
  }
  const tab = crypto.randomUUID();
  const channel = new BroadcastChannel(CHANNEL);
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  let release: () => void = () => undefined;
  // Held until this tab closes: the lock manager frees it then, and the others' requests go on.
  void locks?.request(
    `${TAB_LOCK}${tab}`,
    () => new Promise<void>((resolve) => (release = resolve)),
  );
  const watched = new Set<string>();
  return {
    tab,
    post: (message) => channel.postMessage({ tab, ...message }),
    listen(listener) {
      channel.onmessage = (event: MessageEvent<unknown>) => {
        const message = readTabMessage(event.data);
        if (message && message.tab !== tab) listener(message);
      };
    },
    watch(other, gone) {
      if (!locks || watched.has(other) || other === tab) return;
      watched.add(other);
      void locks.request(`${TAB_LOCK}${other}`, () => {
        watched.delete(other);
        gone();
      });
    },
    claim(id) {
      if (!locks) return Promise.resolve(() => undefined);
      return new Promise((resolve) => {
        void locks.request(`${RUN_LOCK}${id}`, { ifAvailable: true }, (lock) => {
          if (!lock) return resolve(null);
          // Held until released (or this tab closes).
          return new Promise<void>((release) => resolve(release));
        });
      });
    },
    close() {
      channel.close();
      release();
    },
  };
}
