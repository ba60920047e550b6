import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const run = promisify(execFile);

test('a sweep written by the command line opens in the lab’s comparison', async ({
  page,
}, testInfo) => {
  const sweep = testInfo.outputPath('sweep.json');
  const out = testInfo.outputPath('cli-runs.json');
  await writeFile(
    sweep,
    JSON.stringify({
      base: { steps: 6, batchSize: 8, evalSize: 50, evalEvery: 3 },
      vary: { 'model.normalization': ['none', 'batchnorm'] },
    }),
  );
  await run(
    process.execPath,
    ['scripts/bnlab.mjs', 'run', sweep, '--out', out, '--backend', 'cpu'],
    {
      timeout: 120_000,
    },
  );

  await page.goto('/#/lab');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-storage', 'on');
  await page.getByTestId('import-file').setInputFiles(out);
  await expect(page.getByTestId('import-status')).toHaveText(/Imported 2 runs from cli-runs\.json/);
  const rows = page.getByTestId('lab-run-row');
  await expect(rows).toHaveCount(2);
  // Short names from the varied setting, and each normalization's article look.
  await expect(rows.nth(0)).toHaveAttribute('data-run', 'plain');
  await expect(rows.nth(1)).toHaveAttribute('data-run', 'BN');
  await expect(
    rows.nth(0).getByRole('button', { name: 'Colour of plain: vermillion, dashed' }),
  ).toBeVisible();
  await expect(rows.nth(1).getByRole('button', { name: 'Colour of BN: blue' })).toBeVisible();
  await expect(rows.nth(1).getByTestId('lab-run-step')).toHaveText('6 / 6');
  const lossChart = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]');
  await expect(
    lossChart.locator('.chart-line:not(.chart-raw) path.recharts-line-curve'),
  ).toHaveCount(2);

  // The same file again: the copies are marked in the legend and take looks of their own.
  await page.getByTestId('import-file').setInputFiles(out);
  await expect(rows).toHaveCount(4);
  await expect(
    lossChart.locator('.chart-line:not(.chart-raw) path.recharts-line-curve'),
  ).toHaveCount(4);
  const looks = await rows
    .getByRole('button', { name: /^Colour of / })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')?.split(': ')[1]));
  expect(looks.slice(0, 2)).toEqual(['vermillion, dashed', 'blue']);
  expect(new Set(looks).size).toBe(4);
  await expect(lossChart.locator('.chart-legend li', { hasText: 'plain · imported' })).toHaveCount(
    2,
  );
});

test('a checkpoint written by the command line opens as a run that resumes from its step', async ({
  page,
}, testInfo) => {
  const config = testInfo.outputPath('tiny.json');
  await writeFile(
    config,
    JSON.stringify({
      steps: 8,
      batchSize: 8,
      evalSize: 50,
      evalEvery: 4,
      model: { normalization: 'batchnorm' },
    }),
  );
  const dir = testInfo.outputPath('ckpt');
  await run(
    process.execPath,
    ['scripts/bnlab.mjs', 'checkpoint', config, '--at', '4', '--out-dir', dir, '--backend', 'cpu'],
    { timeout: 120_000 },
  );
  const file = `${dir}/tiny-step4.bnlabck`;

  await page.goto('/#/lab');
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-storage', 'on');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-status')).toHaveText(
    /Opened tiny-step4\.bnlabck at step 4/,
  );
  const row = page.getByTestId('lab-run-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-run', 'tiny-step4');
  await expect(row.getByTestId('lab-run-step')).toHaveText('4 / 8');
  await row.getByRole('button', { name: /Resume tiny-step4 from step 4/ }).click();
  await expect(row.getByTestId('lab-run-step')).toHaveText('8 / 8', { timeout: 60_000 });
  // Trained on from step 4: its loss series starts at step 5.
  await expect(
    page.locator(
      '[data-testid="metric-chart"][data-title^="Train loss"] .chart-line:not(.chart-raw) path.recharts-line-curve',
    ),
  ).toHaveCount(1);

  const bytes = await readFile(file);
  await page.getByTestId('import-file').setInputFiles({
    name: 'cut.bnlabck',
    mimeType: 'application/octet-stream',
    buffer: bytes.subarray(0, bytes.length - 100),
  });
  await expect(page.getByText(/cut\.bnlabck was not opened: .*truncated/)).toBeVisible();
  await expect(row).toHaveCount(1);
});
