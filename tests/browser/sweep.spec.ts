import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

/** One shipped run of the step-size section: its normalization, rate and each seed's outcome. */
interface ShippedRun {
  config: { learningRate: number; model: { normalization: string } };
  outcomes: { finalTestAccuracy: number | null }[];
}

/**
 * The "counted/runs" labels the shipped step-size figure must show, in drawing order (line by
 * line in the file's order, rates ascending): one per point where some seeds but not all have a
 * final accuracy. Read from the file, so regenerated references need no edit here.
 */
function expectedDotCounts(): string[] {
  const file = new URL('../../public/references/step-size.json', import.meta.url);
  const { runs } = JSON.parse(readFileSync(file, 'utf8')) as { runs: ShippedRun[] };
  const norms = [...new Set(runs.map((r) => r.config.model.normalization))];
  return norms.flatMap((norm) =>
    runs
      .filter((r) => r.config.model.normalization === norm)
      .sort((a, b) => a.config.learningRate - b.config.learningRate)
      .map((r) => ({
        counted: r.outcomes.filter((o) => o.finalTestAccuracy !== null).length,
        total: r.outcomes.length,
      }))
      .filter(({ counted, total }) => counted > 0 && counted < total)
      .map(({ counted, total }) => `${counted}/${total}`),
  );
}

test('a 2-LR x 2-norm x 2-seed sweep from the editor draws the sweep figure: 2 lines of 2 points', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  const editor = page.locator('#lab-editor');
  await editor.getByLabel('Name', { exact: true }).fill('grid');
  await editor.getByLabel('Steps', { exact: true }).fill('6');
  await editor.getByLabel('Seeds', { exact: true }).fill('2');
  await editor.getByLabel('Vary', { exact: true }).selectOption('learningRate');
  await editor.getByLabel('learning rate values').fill('0.1, 0.3');
  // The second setting is offered once the first is chosen.
  await editor.getByLabel('and vary', { exact: true }).selectOption('model.normalization');
  await editor.getByLabel('normalization values').fill('none, batchnorm');
  // Its size before Start: configurations, runs and steps in all.
  await expect(editor.getByTestId('sweep-size')).toHaveText(
    /^4 configurations × 2 seeds = 8 runs, 48 steps in all/,
  );
  // A bad value is named and Start waits.
  await editor.getByLabel('learning rate values').fill('0.1, fast');
  await expect(editor.getByTestId('sweep-size')).toContainText('“fast” is not a number');
  await expect(editor.getByRole('button', { name: /^Start/ })).toBeDisabled();
  await editor.getByLabel('learning rate values').fill('0.1, 0.3');
  await editor.getByRole('button', { name: 'Start sweep of 8 runs' }).click();

  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    8,
    { timeout: 90_000 },
  );
  const chart = page.getByTestId('sweep-chart');
  await expect(chart).toHaveAttribute('data-lines', '2');
  await expect(chart).toHaveAttribute('data-points', '2,2');
  await expect(chart.locator('.chart-legend li')).toHaveText(['plain', 'BN']);
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(2);

  // Another summary: the figure redraws from the same runs.
  await page.getByTestId('sweep-panel').getByLabel('y axis').selectOption('best');
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute(
    'data-title',
    /^Best test accuracy/,
  );
  // Its points as CSV.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('sweep-export-csv').click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(
    /^bnlab-lab-sweep-best-testaccuracy-learningrate-.*\.csv$/,
  );
  expect(errors).toEqual([]);
});

test('the step-size section shows its shipped figure before training, and its own runs after', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/article/step-size');
  const section = page.locator('[data-experiment="step-size"]');
  // Shipped results: plain, BN and ℓ2 over 8 learning rates, stalled seeds marked.
  const shipped = section.getByTestId('sweep-chart').first();
  await expect(shipped).toHaveAttribute('data-lines', '3');
  await expect(shipped).toHaveAttribute('data-points', '8,8,8');
  expect(Number(await shipped.getAttribute('data-marks'))).toBeGreaterThan(0);
  await expect(shipped.locator('.chart-legend li').first()).toHaveText('plain');
  // A point where some seeds stalled or diverged before a final accuracy says how many it averages.
  await expect(shipped.locator('.sweep-dot-count')).toHaveText(expectedDotCounts());
  // The prose's numbers come from the same file.
  await expect(page.getByTestId('step-size-measured')).toContainText('is best at LR');

  // A quick live version: two rates, five steps.
  await expect(section.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  await section.getByLabel('Learning rates').fill('0.1, 1');
  await section.getByLabel('Steps').fill('5');
  await section.getByRole('button', { name: 'Train' }).click();
  // The shipped figure hides: its runs no longer match the settings (5 steps).
  const live = section.getByRole('region', { name: 'Your runs' }).getByTestId('sweep-chart');
  await expect(live).toHaveAttribute('data-points', '2,2,2', { timeout: 60_000 });
  await expect(page.getByTestId('run-status-line')).toContainText('6 completed', {
    timeout: 60_000,
  });
  expect(errors).toEqual([]);
});
