/**
 * The memory of each training worker of a page, read over the browser's DevTools protocol (a
 * worker has no performance.memory): its JS heap after a collection, and tfjs's tensor memory
 * from the hook the training worker exposes (`bnlabMemory`).
 */
import type { Browser, CDPSession } from 'playwright-core';

export interface WorkerMemory {
  /** Live JS heap after a forced collection, MB. */
  heapMb: number;
  /** Bytes held by tfjs tensors, MB, and how many tensors. */
  tensorMb: number;
  tensors: number;
}

/** Send one protocol command to an attached (non-flat) target and wait for its answer. */
function inTarget(
  cdp: CDPSession,
  sessionId: string,
  id: number,
  method: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const listener = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: Record<string, unknown>;
        error?: { message: string };
      };
      if (message.id !== id) return;
      cdp.off('Target.receivedMessageFromTarget', listener);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result ?? {});
    };
    cdp.on('Target.receivedMessageFromTarget', listener);
    void cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
  });
}

/** Every training worker's memory, in the order the browser lists them. */
export async function trainingWorkerMemory(browser: Browser): Promise<WorkerMemory[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'worker' && /training/.test(t.url));
    const out: WorkerMemory[] = [];
    for (const target of workers) {
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      await inTarget(cdp, sessionId, 1, 'HeapProfiler.collectGarbage');
      const heap = await inTarget(cdp, sessionId, 2, 'Runtime.getHeapUsage');
      const tf = await inTarget(cdp, sessionId, 3, 'Runtime.evaluate', {
        expression: 'JSON.stringify(self.bnlabMemory ? self.bnlabMemory() : null)',
        returnByValue: true,
      });
      const memory = JSON.parse(
        String((tf['result'] as { value?: string } | undefined)?.value ?? 'null'),
      ) as { numBytes: number; numTensors: number } | null;
      out.push({
        heapMb: Number(heap['usedSize']) / 2 ** 20,
        tensorMb: (memory?.numBytes ?? Number.NaN) / 2 ** 20,
        tensors: memory?.numTensors ?? Number.NaN,
      });
      await cdp.send('Target.detachFromTarget', { sessionId });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
