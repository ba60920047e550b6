/**
 * A long session in one open lab, with no reload: 30 runs created, trained and deleted (three
 * launches of 10), then one run of 20,000 steps trained and deleted. After each stage: the page's
 * JS heap (after a collection), its DOM node count, the IndexedDB bytes the browser reports and the
 * records in the lab's database, and each training worker's heap and tfjs memory. What a deleted run held should be given back.
 */
import type { Browser, Page } from 'playwright-core';
import { encodeRunSet } from '../../src/page/url/shareLink.ts';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../src/shared/runConfig.ts';
import { DB_NAME } from '../../src/page/store/persist/db.ts';
import { trainingWorkerMemory, type WorkerMemory } from './workerMemory.ts';

/** Launches of short runs, runs per launch, and their steps. */
const LAUNCHES = 3;
const RUNS_PER_LAUNCH = 10;
const SHORT_STEPS = 200;
/** Steps of the long run. */
const LONG_STEPS = 20_000;
/** Time given to deletes to reach the database before measuring, ms. */
const DELETE_SETTLE_MS = 5_000;
/** Longest wait for a launch to finish training, ms. */
const TRAIN_TIMEOUT_MS = 300_000;

/** A small deep linear net: the page and the store are measured here, not the worker's speed. */
const config: RunConfig = {
  ...DEFAULT_RUN_CONFIG,
  task: 'deep-linear',
  learningRate: 0.003,
  batchSize: 64,
  deepLinear: { ...DEFAULT_RUN_CONFIG.deepLinear, depth: 4, width: 8, samples: 64 },
};

export interface SessionStage {
  stage: string;
  /** Live JS heap of the page after a forced collection, MB. */
  pageHeapMb: number;
  /** Elements in the document. */
  domNodes: number;
  /** IndexedDB bytes the browser's storage estimate reports, MB (null where it does not say). */
  indexedDbMb: number | null;
  /** Records in the lab's database: runs, chunks of points, checkpoints. */
  records: { runs: number; chunks: number; checkpoints: number };
  workers: WorkerMemory[];
}

const FINAL = ['completed', 'diverged', 'stalled', 'stopped', 'failed'];

async function measure(page: Page, browser: Browser, stage: string): Promise<SessionStage> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  const inPage = await page.evaluate(async (name) => {
    const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
      usageDetails?: { indexedDB?: number };
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('could not open the database'));
    });
    // A loop, not a helper function: the bench's TypeScript loader wraps named functions in a
    // helper the page does not have.
    const records = { runs: 0, chunks: 0, checkpoints: 0 };
    for (const store of ['runs', 'chunks', 'checkpoints'] as const) {
      if (!db.objectStoreNames.contains(store)) continue;
      records[store] = await new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error(`could not count ${store}`));
      });
    }
    db.close();
    return {
      records,
      heap: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory
        .usedJSHeapSize,
      nodes: document.getElementsByTagName('*').length,
      idb: estimate.usageDetails?.indexedDB ?? null,
    };
  }, DB_NAME);
  return {
    stage,
    pageHeapMb: inPage.heap / 2 ** 20,
    domNodes: inPage.nodes,
    indexedDbMb: inPage.idb === null ? null : inPage.idb / 2 ** 20,
    records: inPage.records,
    workers: await trainingWorkerMemory(browser),
  };
}

/** Offer runs through the lab's link (a hash change, no reload), start them, wait for their end. */
async function train(page: Page, labels: string[], steps: number): Promise<void> {
  const setups = labels.map((label, i) => ({
    label,
    config: { ...config, steps, seed: i + 1 },
    seeds: 1,
  }));
  await page.evaluate(
    (hash) => {
      location.hash = hash;
    },
    `#/lab?${encodeRunSet(setups)}`,
  );
  const start = page.getByRole('button', {
    name: labels.length === 1 ? 'Start it' : `Start ${labels.length} runs`,
  });
  await start.click({ timeout: 60_000 });
  const finished = FINAL.map((s) => `[data-testid="lab-run-row"][data-status="${s}"]`).join(', ');
  await page.waitForFunction(
    ([selector, count]) => document.querySelectorAll(selector).length >= count,
    [finished, labels.length] as const,
    { timeout: TRAIN_TIMEOUT_MS, polling: 500 },
  );
}

/** Delete each run by its row's Delete and Confirm delete, as a user would. */
async function remove(page: Page, labels: string[]): Promise<void> {
  for (const label of labels) {
    await page.getByRole('button', { name: `Delete ${label}`, exact: true }).click();
    await page.getByRole('button', { name: `Confirm delete ${label}`, exact: true }).click();
  }
  await page.locator('[data-testid="lab-run-row"]').first().waitFor({ state: 'detached' });
  // Deletes reach IndexedDB with the persistence's next write, not at the press.
  await page.waitForTimeout(DELETE_SETTLE_MS);
}

export async function longSession(browser: Browser, origin: string): Promise<SessionStage[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/#/lab`);
    await page
      .locator('[data-testid="backend-badge"][data-backend]:not([data-backend=""])')
      .waitFor({ timeout: 60_000 });
    const stages = [await measure(page, browser, 'lab open, no runs')];
    for (let launch = 1; launch <= LAUNCHES; launch++) {
      const labels = Array.from({ length: RUNS_PER_LAUNCH }, (_, i) => `s${launch}-${i + 1}`);
      await train(page, labels, SHORT_STEPS);
      if (launch === 1) {
        stages.push(
          await measure(page, browser, `${RUNS_PER_LAUNCH} runs x ${SHORT_STEPS} steps kept`),
        );
      }
      await remove(page, labels);
      const made = launch * RUNS_PER_LAUNCH;
      stages.push(await measure(page, browser, `${made} runs trained and deleted`));
    }
    await train(page, ['long'], LONG_STEPS);
    stages.push(await measure(page, browser, `one run of ${LONG_STEPS} steps, finished`));
    await remove(page, ['long']);
    stages.push(await measure(page, browser, 'that run deleted'));
    return stages;
  } finally {
    await context.close();
  }
}
