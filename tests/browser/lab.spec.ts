import { expect, test, type Page } from '@playwright/test';
import { watchErrors, startRun } from './helpers';

/** A chart's run lines, not the faint raw lines drawn behind smoothed ones. */
const MAIN_LINES = '.chart-line:not(.chart-raw) path.recharts-line-curve';

const lines = (page: Page, titleStart: string) =>
  page.locator(`[data-testid="metric-chart"][data-title^="${titleStart}"] ${MAIN_LINES}`);

test('two runs that differ in normalization, compared overlaid, side by side, smoothed and on a log scale', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await expect(page.getByRole('heading', { name: 'New run' })).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await startRun(page, { Name: 'plain', Steps: '40' });
  await startRun(page, { Name: 'with BN', Steps: '40' }, { Normalization: 'batchnorm' });
  const rows = page.getByTestId('lab-run-row');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    2,
    {
      timeout: 120_000,
    },
  );

  // The table has a column for the one setting that differs; sorting by it flips the rows.
  const normalization = page.getByRole('columnheader', { name: 'Normalization' });
  await normalization.getByRole('button').click();
  await expect(normalization).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toHaveAttribute('data-run', 'with BN');

  // Overlay: one chart per metric, both runs in it, the smoothed loss over its faint raw values.
  await expect(lines(page, 'Train loss')).toHaveCount(2);
  await expect(lines(page, 'Test accuracy')).toHaveCount(2);
  const loss = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]');
  await expect(loss.locator('.chart-raw path.recharts-line-curve')).toHaveCount(2);
  // Hovering a chart lists both runs' values at that step, and the other charts read that step too.
  const body = loss.locator('.chart-body');
  const box = (await body.boundingBox())!;
  await body.hover({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
  await expect(loss.getByTestId('chart-readout-row')).toHaveCount(2);
  const accuracy = page.locator('[data-testid="metric-chart"][data-title^="Test accuracy"]');
  await expect(accuracy.getByTestId('chart-readout-x')).toHaveText(
    (await loss.getByTestId('chart-readout-x').textContent())!,
  );

  // Smoothing off: the raw loss, said so in the title.
  await page.getByLabel(/^Smoothing/).fill('0');
  await expect(page.locator('[data-testid="metric-chart"][data-title="Train loss"]')).toHaveCount(
    1,
  );
  await expect(page).toHaveURL(/s=0/);
  await expect(page.locator('.chart-raw')).toHaveCount(0);

  // Log scale: in the URL, lines still drawn, the axis in powers of ten.
  await page.getByRole('radio', { name: 'Log' }).check();
  await expect(page).toHaveURL(/y=log/);
  await expect(lines(page, 'Train loss')).toHaveCount(2);

  // Side by side: one panel per run, one line in each chart.
  await page.getByRole('radio', { name: 'Side by side' }).check();
  await expect(page).toHaveURL(/layout=multiples/);
  const panels = page.getByTestId('lab-multiple');
  await expect(panels).toHaveCount(2);
  for (const panel of await panels.all())
    await expect(
      panel.locator('[data-testid="metric-chart"]').first().locator(MAIN_LINES),
    ).toHaveCount(1);

  // The settings survive a reload (they live in the URL).
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Side by side' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Log' })).toBeChecked();

  // Linear small multiples: every y axis ticks at even steps (never 0, 1, 2, 4 or 0, 25, 50, 100 %).
  await page.getByRole('radio', { name: 'Linear' }).check();
  const charts = panels.first().locator('[data-testid="metric-chart"]');
  await expect(charts.first().locator(MAIN_LINES)).toHaveCount(1);
  for (const chart of await charts.all()) {
    const labels = await chart
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
    const values = labels.map((label) => Number(label.replace(/[%\s]/g, '')));
    expect(values.length, `${labels.join(', ')}`).toBeGreaterThanOrEqual(2);
    const gaps = values.slice(1).map((v, i) => v - (values[i] as number));
    expect(new Set(gaps.map((g) => g.toFixed(6))).size, `${labels.join(', ')}`).toBe(1);
  }
  expect(errors).toEqual([]);
});

test('the diff shows what differs between two runs, and the list manages runs', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await startRun(page, { Name: 'lr 0.1', Steps: '5' });
  await startRun(page, { Name: 'lr 0.3', Steps: '5', 'Learning rate': '0.3' });
  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    2,
    {
      timeout: 60_000,
    },
  );
  await page.getByText('Compare two configurations').click();
  await page.getByTestId('diff-left').selectOption({ label: 'lr 0.1' });
  await page.getByTestId('diff-right').selectOption({ label: 'lr 0.3' });
  await expect(page.getByTestId('diff-summary')).toHaveText('1 setting differs');
  await expect(page.locator('[data-testid="diff-row"][data-differs="true"]')).toHaveAttribute(
    'data-path',
    'learningRate',
  );

  // Duplicate, rename, hide, delete.
  await page.getByRole('button', { name: 'Duplicate lr 0.3' }).click();
  await expect(page.getByTestId('lab-run-row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Rename lr 0.3 (copy)' }).click();
  await page.getByLabel('New name for lr 0.3 (copy)').fill('<b>copy</b>');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="lab-run-row"][data-run="<b>copy</b>"]')).toHaveCount(1);
  await expect(lines(page, 'Train loss')).toHaveCount(3);
  await page.getByLabel('Show lr 0.1', { exact: true }).uncheck();
  await expect(lines(page, 'Train loss')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete lr 0.1' }).click();
  await page.getByRole('button', { name: 'Confirm delete lr 0.1' }).click();
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a bad value in the editor gets a message beside its field and cannot start', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  const start = page.getByRole('button', { name: /^Start/ });
  await expect(start).toBeEnabled();
  await page.getByLabel('Learning rate', { exact: true }).fill('fast');
  await expect(page.locator('[data-field="learningRate"] .field-error')).toHaveText(
    'must be a number',
  );
  await expect(start).toBeDisabled();
  await page.getByLabel('Filters per conv layer').fill('8');
  await expect(page.locator('[data-field="convFilters"] .field-error')).toHaveText(
    'needs at least 2 conv layers',
  );
  await page.getByLabel('Learning rate', { exact: true }).fill('0.1');
  await page.getByLabel('Filters per conv layer').fill('8, 16, 32');
  await page.getByLabel('Seeds', { exact: true }).fill('3');
  await expect(start).toHaveText('Start 3 runs');
  await expect(page.getByTestId('lab-run-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});
