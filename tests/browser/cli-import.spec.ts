import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
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
  await expect(rows.nth(0)).toHaveAttribute('data-run', 'model.normalization=none');
  await expect(rows.nth(1)).toHaveAttribute('data-run', 'model.normalization=batchnorm');
  await expect(rows.nth(1).getByTestId('lab-run-step')).toHaveText('6 / 6');
  await expect(
    page.locator('[data-testid="metric-chart"][data-title^="Train loss"] path.recharts-line-curve'),
  ).toHaveCount(2);
});
