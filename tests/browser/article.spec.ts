import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('the mechanics widget centres, scales and redraws the cloud with the numbers', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#/article/mechanics');
  await expect(
    page.getByRole('heading', { name: '1. What batch normalization computes' }),
  ).toBeVisible();
  const meanX = page.getByTestId('mech-mean-x');
  const varX = page.getByTestId('mech-var-x');
  const rawMean = await meanX.textContent();
  const rawVar = await varX.textContent();
  expect(Math.abs(Number(rawMean))).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Subtract the mean' }).click();
  await expect(meanX).toHaveText('0.00');
  await expect(page.getByTestId('mech-mean-y')).toHaveText('0.00');
  await expect(varX).toHaveText(rawVar ?? '');
  await page.getByRole('button', { name: 'Divide by the std' }).click();
  await expect(varX).toHaveText('1.00');
  await expect(page.getByTestId('mech-var-y')).toHaveText('1.00');

  await page.getByRole('button', { name: 'Randomize' }).click();
  await expect(meanX).not.toHaveText(rawMean ?? '');
  await expect(meanX).not.toHaveText('0.00');
  expect(errors).toEqual([]);
});

test('a section trains on demand, its chart fills, and Open in lab carries it over', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/article/beyond-bn');
  const section = page.locator('[data-experiment="deep-linear"]');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await section.getByLabel('Steps', { exact: true }).fill('30');
  await section.getByRole('button', { name: 'Train' }).click();
  await expect(section.locator('[data-testid="run-row"][data-status="completed"]')).toHaveCount(4, {
    timeout: 120_000,
  });
  const loss = section.locator('[data-testid="metric-chart"][data-title^="Train loss"]');
  await expect(loss.first().locator('path.recharts-line-curve')).toHaveCount(2);

  await section.getByRole('button', { name: 'Open in lab' }).click();
  await expect(page).toHaveURL(/#\/lab\?m=trainLoss,/);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Linear net, LR 0.003');
  await expect(
    page.getByRole('region', { name: 'New run' }).getByLabel('Network', { exact: true }),
  ).toHaveValue('deep-linear');
  await expect(page.getByLabel('Steps', { exact: true })).toHaveValue('30');
  // The section's four runs are in the lab's list and drawn in its comparison.
  await expect(page.getByTestId('lab-run-row')).toHaveCount(4);
  const labLoss = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]');
  await expect(labLoss.locator('.chart-line:not(.chart-raw) path.recharts-line-curve')).toHaveCount(
    4,
  );
  expect(errors).toEqual([]);
});

test('the theme toggle switches light and dark and is remembered', async ({ page }) => {
  await page.goto('/#/article');
  const toggle = page.getByTestId('theme-toggle');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(
    () => getComputedStyle(document.documentElement).backgroundColor,
  );
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(
    await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
  ).toBe(background);
});
