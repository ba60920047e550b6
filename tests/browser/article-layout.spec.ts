import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('the article trains at the learning rates typed, charts beside the form and in view after Train', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#/article/does-bn-work');
  const section = page.locator('[data-experiment="does-bn-work"]');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });

  // A bad list is refused on its field, and Train waits for a good one.
  const rates = section.getByLabel('Learning rates');
  await rates.fill('0.1, 0.1');
  await expect(section.getByText('each learning rate once')).toBeVisible();
  await expect(train).toBeDisabled();
  await rates.fill('0.05, 0.3, 1');
  await section.getByLabel('Steps').fill('20');
  await section.getByLabel('Test every').fill('10');
  const titles = section.locator('.comparison-panel h3');
  await expect(titles).toHaveText(['Learning rate 0.05', 'Learning rate 0.3', 'Learning rate 1']);
  await train.click();
  // All six end (at LR 1 the plain net may stall before step 20).
  const status = section.getByTestId('run-status-line');
  await expect(status).toHaveText(/^6 runs: /, { timeout: 30_000 });
  await expect(status).not.toHaveText(/queued|running|paused/, { timeout: 90_000 });
  const panels = section.locator('.comparison-panel');
  for (let i = 0; i < 3; i++) {
    await expect(panels.nth(i).locator('path.recharts-line-curve').first()).toBeVisible();
  }

  // Where the eye is: with the section's top in view, the first chart and the Train button are
  // both on screen, side by side (the form left of the charts).
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const chart = await section.getByTestId('metric-chart').first().boundingBox();
  const button = await section.getByRole('button', { name: /^(Train|Restart)$/ }).boundingBox();
  expect(chart && button).toBeTruthy();
  if (chart && button) {
    expect(chart.y).toBeLessThan(720 / 2);
    expect(button.y + button.height).toBeLessThan(720);
    expect(button.x + button.width).toBeLessThan(chart.x);
  }

  // The form keeps the launched rates after a reload.
  await page.reload();
  await expect(
    page.locator('[data-experiment="does-bn-work"]').getByLabel('Learning rates'),
  ).toHaveValue('0.05, 0.3, 1');
  await expect(page.locator('[data-experiment="does-bn-work"] .comparison-panel h3')).toHaveCount(
    3,
  );
  expect(errors).toEqual([]);
});

test('the activation distributions take a row of their own under the two panels', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#/article/is-it-ics');
  const section = page.locator('[data-experiment="is-it-ics"]');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await section.getByLabel('Steps').fill('10');
  await train.click();
  const distributions = section.getByTestId('distribution-panel');
  await expect(distributions).toBeVisible({ timeout: 60_000 });
  const grid = await section.locator('.panel-grid').boundingBox();
  const box = await distributions.boundingBox();
  expect(grid && box).toBeTruthy();
  if (grid && box) expect(box.width).toBeGreaterThan(grid.width * 0.95);
});
