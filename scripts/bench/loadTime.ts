/**
 * A cold load of the production build in Chromium (fresh context, empty cache): when the first
 * paint comes, when the article's first section is on screen and the page has had no long task
 * since (interactive), when the worker has chosen a backend, and the bytes each kind of file cost.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface LoadReport {
  firstContentfulPaintMs: number;
  /** The article's first heading rendered and no long task after it, ms from navigation. */
  interactiveMs: number;
  /** The worker has its backend (the header shows it), ms from navigation. */
  backendReadyMs: number;
  /** The probe as the header reports it: each backend's steps/s and the time it took. */
  probe: string;
  /** Bytes fetched before interactive and in all, by kind (js, css, wasm, data, other): raw and gzip. */
  beforeInteractive: Record<string, { bytes: number; gzip: number }>;
  total: Record<string, { bytes: number; gzip: number }>;
}

const kindOf = (url: string) => {
  const path = new URL(url).pathname;
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.bin')) return 'data';
  return 'other';
};

export async function loadTime(browser: Browser, origin: string): Promise<LoadReport> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const fetched: { url: string; at: number; bytes: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  const t0 = Date.now();
  page.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => {
          fetched.push({
            url: response.url(),
            at: Date.now() - t0,
            bytes: body.length,
            gzip: gzipSync(body).length,
          });
        })
        .catch(() => undefined),
    );
  });
  await page.addInitScript(() => {
    const w = window as unknown as { lastLongTaskEnd: number };
    w.lastLongTaskEnd = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.lastLongTaskEnd = Math.max(w.lastLongTaskEnd, e.startTime + e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${origin}/#/article`);
  await page.locator('main h2').first().waitFor({ timeout: 60_000 });
  const rendered = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1000);
  const { fcp, lastLongTaskEnd } = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lastLongTaskEnd: (window as unknown as { lastLongTaskEnd: number }).lastLongTaskEnd,
  }));
  const interactiveMs = Math.max(rendered, lastLongTaskEnd);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'),
    null,
    { timeout: 120_000, polling: 50 },
  );
  const backendReadyMs = await page.evaluate(() => performance.now());
  const probe = (await page.getByTestId('backend-badge').getAttribute('title')) ?? '';
  await Promise.all(pending);
  await context.close();
  const sum = (items: typeof fetched) => {
    const out: Record<string, { bytes: number; gzip: number }> = {};
    for (const f of items) {
      const k = (out[kindOf(f.url)] ??= { bytes: 0, gzip: 0 });
      k.bytes += f.bytes;
      k.gzip += f.gzip;
    }
    return out;
  };
  return {
    firstContentfulPaintMs: fcp,
    interactiveMs,
    backendReadyMs,
    probe,
    beforeInteractive: sum(fetched.filter((f) => f.at <= interactiveMs)),
    total: sum(fetched),
  };
}
