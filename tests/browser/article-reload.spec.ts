import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('a reload in the article comes back to the section, its settings and its runs, resumable', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/article');
  const section = page.locator('#section-does-bn-work');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await section.getByLabel('Steps', { exact: true }).fill('4000');
  await section.getByLabel('Seed', { exact: true }).fill('7');
  await train.click();
  // Training puts the section in the URL.
  await expect(page).toHaveURL(/#\/article\/does-bn-work$/);
  const rows = section.getByTestId('run-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first().getByTestId('run-step')).toHaveText(/^([6-9]\d|\d{3,}) \//, {
    timeout: 60_000,
  });
  await page.waitForTimeout(1500); // the once-a-second save

  await page.reload();
  await expect(page).toHaveURL(/#\/article\/does-bn-work$/);
  await expect(rows).toHaveCount(4);
  await expect(section.getByLabel('Steps', { exact: true })).toHaveValue('4000');
  await expect(section.getByLabel('Seed', { exact: true })).toHaveValue('7');
  const first = rows.first();
  await expect(first).toHaveAttribute('data-status', 'interrupted');
  await first.getByRole('button', { name: 'Resume' }).click();
  await expect(first).toHaveAttribute('data-status', 'running');
  for (const row of await rows.all()) {
    await row
      .getByRole('button', { name: 'Stop' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
  }
  expect(errors).toEqual([]);
});
