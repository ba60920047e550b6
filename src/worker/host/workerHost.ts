import type { SessionHost } from '../../engine/train/session';
import type { SessionEvent } from '../../shared/runStatus';

/**
 * Yield to the worker's message queue without setTimeout's 4 ms clamp: a MessageChannel message is
 * a task, so commands that arrived meanwhile run first.
 */
function makeYield(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/** The session's view of the worker: its clock, its queue, and postMessage with transfers. */
export function createWorkerHost(
  post: (event: SessionEvent, transfer: Transferable[]) => void,
): SessionHost {
  return {
    now: () => performance.now(),
    yieldToEvents: makeYield(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    emit(event) {
      const transfer =
        event.type === 'metrics'
          ? event.chunks.flatMap((c) => [c.steps.buffer, c.times.buffer, c.values.buffer])
          : [];
      post(event, transfer);
    },
  };
}
