/**
 * Where the hover readout of a group of charts reads: one x shared by every chart of a view, and
 * which chart put it there. A tiny external store, so that a move re-renders only the readouts.
 */

/** The x read (a recorded x of the source chart's lines) and the id of the chart that set it. */
interface ReadoutPosition {
  x: number;
  source: string;
}

export interface ReadoutStore {
  /** The current position, or undefined when no chart is read. */
  get(): ReadoutPosition | undefined;
  /** Move the readout (undefined hides it everywhere); listeners hear only real changes. */
  set(position: ReadoutPosition | undefined): void;
  /** Hide the readout if chart `source` set it (a pointer leaving a chart that is not read: no-op). */
  clear(source: string): void;
  subscribe(listener: () => void): () => void;
}

export function createReadoutStore(): ReadoutStore {
  let current: ReadoutPosition | undefined;
  const listeners = new Set<() => void>();
  const set = (position: ReadoutPosition | undefined) => {
    if (position?.x === current?.x && position?.source === current?.source) return;
    current = position;
    listeners.forEach((listener) => listener());
  };
  return {
    get: () => current,
    set,
    clear: (source) => {
      if (current?.source === source) set(undefined);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
