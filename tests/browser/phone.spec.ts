import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('on a phone (390x844) no view scrolls sideways, with runs in the tables', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/#/article/does-bn-work');
  const section = page.locator('#section-does-bn-work');
  await expect(section.locator('form button[type="submit"]')).toBeEnabled({ timeout: 60_000 });
  await section.getByRole('button', { name: 'Train' }).click();
  await expect(section.getByTestId('run-row')).toHaveCount(4);
  for (const url of ['/#/article/does-bn-work', '/#/lab', '/#/present/does-bn-work']) {
    await page.goto(url);
    await page.waitForTimeout(1000);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${url} is ${width} px wide`).toBeLessThanOrEqual(390);
  }
  expect(errors).toEqual([]);
});
