/**
 * `npm run screenshots`: the README's and docs/' screenshots, taken from the production build in
 * Chromium while runs train: the article (section 2 after Train), the lab (two runs compared) and
 * presentation mode, at 1280x720, 1920x1080 and 390x844 (phone). Build first (`npm run build`).
 *
 *   npm run screenshots                  all of them, into docs/
 *   npm run screenshots -- lab           only the views whose name contains "lab"
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';

/** Port of the preview server the screenshots are taken from. */
const PORT = 4179;
const BASE = `http://127.0.0.1:${PORT}`;
/** Steps each screenshot's runs have trained before it is taken. */
const TRAINED_STEPS = 60;
/** How long a view may take to get there, in ms. */
const VIEW_TIMEOUT_MS = 120_000;
const OUT = 'docs';

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '390x844', width: 390, height: 844 },
] as const;

/** Wait until every run of the view's status line has passed `steps`. */
async function untilStep(page: Page, steps: number): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const line = document.querySelector('[data-testid="run-status-line"]')?.textContent ?? '';
      const step = /step (\d+) of/.exec(line);
      return step !== null && Number(step[1]) >= min;
    },
    steps,
    { timeout: VIEW_TIMEOUT_MS },
  );
}

/** Each view: how to get there from a fresh page. */
const VIEWS: Record<string, (page: Page) => Promise<void>> = {
  async article(page) {
    await page.goto(`${BASE}/#/article/does-bn-work`);
    const section = page.locator('[data-experiment="does-bn-work"]');
    const train = section.getByRole('button', { name: 'Train' });
    await train.waitFor({ timeout: VIEW_TIMEOUT_MS });
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-experiment="does-bn-work"] button[type="submit"]')
          ?.hasAttribute('disabled'),
      null,
      { timeout: VIEW_TIMEOUT_MS },
    );
    await train.click();
    await untilStep(page, TRAINED_STEPS);
    await section.scrollIntoViewIfNeeded();
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  },
  async lab(page) {
    await page.goto(`${BASE}/#/lab`);
    const start = page.getByRole('button', { name: /^Start/ });
    await start.waitFor({ timeout: VIEW_TIMEOUT_MS });
    for (const [name, normalization] of [
      ['Plain, LR 0.5', 'none'],
      ['BN, LR 0.5', 'batchnorm'],
    ] as const) {
      await page.getByLabel('Normalization', { exact: true }).selectOption(normalization);
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Learning rate', { exact: true }).fill('0.5');
      await page.getByLabel('Steps', { exact: true }).fill('200');
      await start.click();
    }
    await page.waitForFunction(
      (min) =>
        [...document.querySelectorAll('[data-testid="lab-run-row"]')].every(
          (row) => Number(row.getAttribute('data-step') ?? 0) >= min,
        ),
      TRAINED_STEPS,
      { timeout: VIEW_TIMEOUT_MS },
    );
    await page.evaluate(() => window.scrollTo(0, 0));
  },
  async present(page) {
    await page.goto(`${BASE}/#/present/does-bn-work`);
    const slide = page.getByTestId('presentation');
    await slide.waitFor({ timeout: VIEW_TIMEOUT_MS });
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="presentation"] form button[type="submit"]')
          ?.hasAttribute('disabled'),
      null,
      { timeout: VIEW_TIMEOUT_MS },
    );
    await page.keyboard.press('t');
    await untilStep(page, TRAINED_STEPS);
  },
};

/** Serve the production build; resolves once it answers. */
async function preview(): Promise<() => void> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  const stop = () => {
    if (server.pid) process.kill(-server.pid);
  };
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return stop;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the preview server did not answer on ${BASE} (run npm run build first)`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const stop = await preview();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  mkdirSync(OUT, { recursive: true });
  try {
    for (const [view, visit] of Object.entries(VIEWS)) {
      for (const size of SIZES) {
        const file = `${OUT}/${view}-${size.name}.png`;
        if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          colorScheme: 'light',
        });
        const page = await context.newPage();
        await visit(page);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
