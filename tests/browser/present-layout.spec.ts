import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

/** Every chart on the slide lies inside the window and above the control bar. */
async function expectChartsOnScreen(page: Page, width: number, height: number) {
  const charts = page.locator('[data-testid="presentation"] [data-testid="metric-chart"]');
  await expect(charts.first()).toBeVisible();
  const bar = await page.getByRole('navigation', { name: 'Presentation controls' }).boundingBox();
  const floor = bar?.y ?? height;
  for (const chart of await charts.all()) {
    const box = await chart.boundingBox();
    expect(box, 'a chart on the slide').not.toBeNull();
    if (!box) continue;
    const where = `chart at ${JSON.stringify(box)} in ${width}x${height}, bar at ${floor}`;
    expect(box.x, where).toBeGreaterThanOrEqual(0);
    expect(box.y, where).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, where).toBeLessThanOrEqual(width);
    expect(box.y + box.height, where).toBeLessThanOrEqual(floor);
  }
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`a slide keeps its charts on screen at ${width}x${height}, before and while training; ↓ reaches the others`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height });
    await page.goto('/#/present/does-bn-work');
    const slide = page.getByTestId('presentation');
    await expect(slide).toHaveAttribute('data-section', 'does-bn-work');
    // The worker is ready once the section's (hidden) Train button is enabled.
    await expect(slide.locator('form button[type="submit"]')).toBeEnabled({ timeout: 60_000 });
    await expectChartsOnScreen(page, width, height);

    await page.keyboard.press('t');
    await expect(slide.getByTestId('run-status-line')).toHaveText(/step [1-9]\d* of/, {
      timeout: 30_000,
    });
    await expectChartsOnScreen(page, width, height);

    // The section's other chart rows, one by one by keyboard.
    const progress = page.getByText(/charts \d of 3/);
    await expect(progress).toContainText('charts 1 of 3: Test accuracy');
    for (const [n, title] of [
      [2, 'Train loss'],
      [3, 'Dead ReLUs, conv 2'],
    ] as const) {
      await page.keyboard.press('ArrowDown');
      await expect(progress).toContainText(`charts ${n} of 3`);
      await expect(slide.locator('[data-testid="metric-chart"]').first()).toHaveAttribute(
        'data-title',
        new RegExp(`^${title}`),
      );
      await expectChartsOnScreen(page, width, height);
    }
    await page.keyboard.press('r');

    // A section of two experiments and a distribution row: every row fits too.
    await page.goto('/#/present/is-it-ics');
    await expect(slide).toHaveAttribute('data-section', 'is-it-ics');
    await expectChartsOnScreen(page, width, height);
    expect(errors).toEqual([]);
  });
}
