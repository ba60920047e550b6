import { expect, test, type Page } from '@playwright/test';
import { watchErrors, startRun, exportAllJson, labReady, storedRun } from './helpers';

const row = (page: Page, name: string) =>
  page.locator(`[data-testid="lab-run-row"][data-run="${name}"]`);

test('finished runs come back after a reload with every step; a run cut off comes back interrupted, resumes from its checkpoint, restarts', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await labReady(page);
  await startRun(page, { Name: 'short', Steps: '30' });
  await expect(row(page, 'short')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await startRun(page, { Name: 'long', Steps: '5000' });
  await expect(row(page, 'long')).toHaveAttribute('data-status', 'running');
  // Let it train a little and be saved (saves are batched every second): the reload must find
  // more than 60 steps and a checkpoint in IndexedDB.
  await expect
    .poll(async () => {
      const stored = await storedRun(page, 'long');
      return stored && stored.checkpointStep !== null ? stored.step : 0;
    })
    .toBeGreaterThan(60);
  const before = Number(
    (await row(page, 'long').getByTestId('lab-run-step').textContent())?.split('/')[0],
  );

  await page.reload();
  await labReady(page);
  await expect(row(page, 'short')).toHaveAttribute('data-status', 'completed');
  await expect(row(page, 'short').getByTestId('lab-run-step')).toHaveText('30 / 30');
  const long = row(page, 'long');
  await expect(long).toHaveAttribute('data-status', 'interrupted');
  const kept = Number((await long.getByTestId('lab-run-step').textContent())?.split('/')[0]);
  // Everything saved up to the last second before the reload is there.
  expect(kept).toBeGreaterThanOrEqual(60);
  expect(kept).toBeLessThanOrEqual(before + 40);
  await expect(long).toContainText(/steps are kept/);
  // Both runs' points are drawn again.
  await expect(
    page.locator(
      '[data-testid="metric-chart"][data-title^="Train loss"] .chart-line:not(.chart-raw) path.recharts-line-curve',
    ),
  ).toHaveCount(2);
  await expect(page.getByTestId('storage-status')).toContainText(/saved in this browser/);

  // A checkpoint is saved every 50 steps: resume goes on from the last one, the points after it
  // trained anew (which one depends on how fast this machine trained before the reload).
  const resume = long.getByRole('button', { name: /^Resume long from step \d+$/ });
  const from = Number(/(\d+)$/.exec((await resume.getAttribute('aria-label')) ?? '')?.[1]);
  expect(from % 50, `checkpoint step ${from}`).toBe(0);
  expect(from).toBeGreaterThanOrEqual(50);
  expect(from).toBeLessThanOrEqual(kept);
  await resume.click();
  await expect(long).toHaveAttribute('data-status', 'running');
  await expect
    .poll(async () => Number((await long.getByTestId('lab-run-step').textContent())?.split('/')[0]))
    .toBeGreaterThan(kept);
  await long.getByRole('button', { name: 'Stop long' }).click();
  await expect(long).toHaveAttribute('data-status', 'stopped');
  await long.getByRole('button', { name: 'Restart long' }).click();
  await expect(row(page, 'long')).toHaveAttribute('data-status', /queued|running/);
  await row(page, 'long').getByRole('button', { name: 'Stop long' }).click();
  expect(errors).toEqual([]);
});

test('an exported JSON imports back as runs, and a corrupt file is refused with its reason', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await labReady(page);
  await startRun(page, { Name: 'to export', Steps: '12' });
  await expect(row(page, 'to export')).toHaveAttribute('data-status', 'completed', {
    timeout: 60_000,
  });
  const file = await exportAllJson(page, testInfo);

  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-status')).toHaveText(/Imported 1 run from/);
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2);
  const imported = page.getByTestId('lab-run-row').nth(1);
  await expect(imported).toContainText('imported');
  await expect(imported.getByTestId('lab-run-step')).toHaveText('12 / 12');

  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "bnlab-runs", "version": 1, "runs": [', 'utf8'),
  });
  await expect(
    page.getByText(/broken\.json was not imported: The file is not valid JSON/),
  ).toBeVisible();
  await page.getByTestId('import-file').setInputFiles({
    name: 'future.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "bnlab-runs", "version": 9, "runs": []}', 'utf8'),
  });
  await expect(page.getByText(/future\.json was not imported: .*newer version/)).toBeVisible();
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2);
  // Refused files are reported as notices, not as page errors.
  expect(errors).toEqual([]);
});

test('a link fills the editor, and a link to runs asks before training them', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab?new=lr:0.3,norm:batchnorm,steps:8,name:from%20a%20link');
  await labReady(page);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('from a link');
  await expect(page.getByLabel('Normalization', { exact: true })).toHaveValue('batchnorm');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.3');
  await expect(page.getByTestId('editor-origin')).toContainText('a shared link');
  // The one-time payload leaves the address; nothing trains until Start.
  await expect(page).toHaveURL(/#\/lab$/);
  await expect(page.getByTestId('lab-run-row')).toHaveCount(0);

  await page.getByRole('button', { name: /^Start/ }).click();
  await expect(row(page, 'from a link')).toHaveAttribute('data-status', 'completed', {
    timeout: 60_000,
  });
  await page.getByTestId('share-runs').click();
  const link = await page.getByTestId('share-runs-text').inputValue();
  expect(link).toMatch(/#\/lab\?runs=/);

  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('shared-runs')).toContainText('from a link');
  await expect(other.getByTestId('lab-run-row')).toHaveCount(1); // the run saved in this browser
  await other.getByRole('button', { name: 'Start it' }).click();
  await expect(other.getByTestId('lab-run-row')).toHaveCount(2);
  await expect(other.getByTestId('shared-runs')).toHaveCount(0);
  await other.goto('/#/lab?new=lr:50');
  await expect(
    other.getByText(/The link has a setting that is not valid: learningRate must be at most 10/),
  ).toBeVisible();
  expect(errors).toEqual([]);
});
