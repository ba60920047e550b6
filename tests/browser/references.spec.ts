import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('the article shows the shipped reference curves before anything is trained', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const fetched: string[] = [];
  page.on('response', (r) => {
    if (/\/references\/[a-z-]+\.json$/.test(r.url()) && r.ok()) fetched.push(r.url());
  });
  await page.goto('/#/article');
  const exp = page.locator('[data-experiment="does-bn-work"]');
  await expect(exp.getByRole('button', { name: 'Train' })).toBeVisible();

  // Every chart of both panels: one dotted reference line (with its band) per run of the panel.
  const charts = exp.getByTestId('metric-chart');
  await expect(charts).toHaveCount(6);
  for (const chart of await charts.all()) {
    const lines = chart.locator('.chart-reference path.recharts-line-curve');
    await expect(lines).toHaveCount(2);
    for (const line of await lines.all()) {
      expect((await line.getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
    }
    await expect(chart.locator('.chart-band')).toHaveCount(2);
  }
  await expect(exp.locator('.chart-legend li').first()).toHaveText(
    'CNN, LR 0.1 · reference (3 seeds, wasm)',
  );
  await expect(exp.getByTestId('reference-note')).toHaveAttribute('data-shown', 'true');
  // Nothing was trained to draw them.
  await expect(exp.getByTestId('run-row')).toHaveCount(0);
  expect(fetched.some((u) => u.endsWith('/references/does-bn-work.json'))).toBe(true);
  expect(errors).toEqual([]);
});
