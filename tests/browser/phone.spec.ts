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
  // Each view's widest content, once it is drawn: the article's run table, the lab's run list
  // and charts, the slide with its runs' status line.
  const views: [string, string][] = [
    ['/#/article/does-bn-work', '#section-does-bn-work [data-testid="run-row"]'],
    ['/#/lab', '[data-testid="lab-run-row"]'],
    ['/#/present/does-bn-work', '[data-testid="run-status-line"]'],
  ];
  for (const [url, drawn] of views) {
    await page.goto(url);
    await expect(page.locator(drawn).first()).toBeVisible({ timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${url} is ${width} px wide`).toBeLessThanOrEqual(390);
  }
  expect(errors).toEqual([]);
});
