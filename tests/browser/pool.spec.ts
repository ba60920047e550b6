import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startRun, watchErrors, exportAllJson } from './helpers';

/** Training workers the page runs now (Playwright lists a page's dedicated workers). */
const trainingWorkers = (page: Page) => page.workers().filter((w) => /training/.test(w.url()));

async function ready(page: Page, workers: number) {
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await expect(page.getByTestId('workers-select')).toHaveAttribute('data-count', String(workers));
  await expect.poll(() => trainingWorkers(page).length).toBe(workers);
}

const rows = (page: Page, name: string) =>
  page.locator(`[data-testid="lab-run-row"][data-run^="${name}"]`);

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('bnlab.workers.v1', '2'));
});

test('runs spread over two workers train the same curves as in one worker', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await ready(page, 2);
  await startRun(page, { Name: 'two', Steps: '20', Seeds: '2' });
  await expect(rows(page, 'two').and(page.locator('[data-status="completed"]'))).toHaveCount(2, {
    timeout: 60_000,
  });
  await page.getByTestId('workers-select').selectOption('1');
  await ready(page, 1);
  await startRun(page, { Name: 'one', Steps: '20', Seeds: '2' });
  await expect(rows(page, 'one').and(page.locator('[data-status="completed"]'))).toHaveCount(2, {
    timeout: 60_000,
  });
  const file = await exportAllJson(page, testInfo);
  const runs = (
    JSON.parse(readFileSync(file, 'utf8')) as {
      runs: {
        label: string;
        config: { seed: number };
        series: Record<string, { values: unknown[] }>;
      }[];
    }
  ).runs;
  const curves = (name: string) =>
    Object.fromEntries(
      runs
        .filter((r) => r.label.startsWith(name))
        .map((r) => [
          r.config.seed,
          [r.series['trainLoss']?.values, r.series['testAccuracy']?.values],
        ]),
    );
  const pooled = curves('two');
  expect(Object.keys(pooled)).toHaveLength(2);
  expect(pooled['1']?.[0]).toHaveLength(20);
  // Seeds differ from each other, and each seed's curve is the same whichever worker trained it.
  expect(pooled['1']).not.toEqual(pooled['2']);
  expect(curves('one')).toEqual(pooled);
  expect(errors).toEqual([]);
});

test('a crashed worker loses only its run, which resumes from its checkpoint; the other goes on and a new worker takes its place', async ({
  page,
}) => {
  await page.goto('/#/lab');
  await ready(page, 2);
  await startRun(page, { Name: 'long', Steps: '5000', Seeds: '2' });
  const running = rows(page, 'long').and(page.locator('[data-status="running"]'));
  await expect(running).toHaveCount(2);
  // Both past their first checkpoint (every 50 steps).
  for (const i of [0, 1]) {
    await expect
      .poll(async () =>
        Number((await running.nth(i).getByTestId('lab-run-step').textContent())?.split('/')[0]),
      )
      .toBeGreaterThan(60);
  }
  // An uncaught error inside the second worker, as a failing kernel would throw.
  const [, second] = trainingWorkers(page);
  await second?.evaluate(() => {
    setTimeout(() => {
      throw new Error('kernel exploded');
    });
  });
  const lost = rows(page, 'long').and(page.locator('[data-status="interrupted"]'));
  await expect(lost).toHaveCount(1);
  await expect(lost).toContainText(
    /training worker crashed: .*kernel exploded; it can resume from step \d+/,
  );
  await expect(
    page.getByText(/1 run can resume from a checkpoint; their points are kept/),
  ).toHaveCount(1);
  await ready(page, 2);
  await expect(running).toHaveCount(1);
  const stepOf = async () =>
    Number((await running.getByTestId('lab-run-step').textContent())?.split('/')[0]);
  const before = await stepOf();
  await expect.poll(stepOf).toBeGreaterThan(before);
  // The lost run resumes from its checkpoint on the new worker.
  await lost.getByRole('button', { name: /^Resume .* from step \d+$/ }).click();
  await expect(running).toHaveCount(2);
  // Stop both (each press takes the first still running).
  await running
    .first()
    .getByRole('button', { name: /^Stop / })
    .click();
  await expect(running).toHaveCount(1);
  await running
    .first()
    .getByRole('button', { name: /^Stop / })
    .click();
  await expect(rows(page, 'long').and(page.locator('[data-status="stopped"]'))).toHaveCount(2);
});
