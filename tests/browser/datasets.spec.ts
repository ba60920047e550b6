import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

// The failing-file test replaces the file in the network; a service worker would serve it from
// its cache around page.route.
test.use({ serviceWorkers: 'block' });

test('"Does BN help?" on Fashion-MNIST: its own reference before training, runs named for the dataset, kept in the URL, the lab and a reload', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const fetched: string[] = [];
  page.on('response', (r) => {
    if (r.ok() && /\/(references|data)\/[^/]+\.(json|bin)$/.test(r.url())) fetched.push(r.url());
  });
  await page.goto('/#/article/does-bn-work?data=fashion-mnist');
  const section = page.locator('#section-does-bn-work');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await expect(section.getByLabel('Dataset')).toHaveValue('fashion-mnist');
  // The shipped Fashion-MNIST reference is drawn before anything trains (2 runs per panel).
  const firstChart = section.getByTestId('metric-chart').first();
  await expect(firstChart.locator('.chart-reference path.recharts-line-curve')).toHaveCount(2);
  await expect(section.getByTestId('reference-note')).toHaveAttribute('data-shown', 'true');
  expect(fetched.some((u) => u.endsWith('/references/does-bn-work@fashion-mnist.json'))).toBe(true);
  // Only MNIST is loaded at start: Fashion-MNIST waits for a run on it.
  expect(fetched.some((u) => u.endsWith('/data/fashion-mnist-10k.bin'))).toBe(false);

  await section.getByLabel('Learning rates').fill('0.5');
  await section.getByLabel('Steps').fill('12');
  await section.getByLabel('Test every').fill('4');
  await train.click();
  const rows = section.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]data=fashion-mnist(&|$)/);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-status', /completed|stalled/, { timeout: 60_000 });
  }
  await expect(rows.first()).toContainText('· Fashion-MNIST');
  expect(fetched.some((u) => u.endsWith('/data/fashion-mnist-10k.bin'))).toBe(true);

  // The lab gets the section's setup: the editor on Fashion-MNIST, both runs in its list.
  await section.getByRole('button', { name: 'Open in lab' }).click();
  await expect(page).toHaveURL(/#\/lab/);
  const editor = page.getByRole('region', { name: 'New run' });
  await expect(editor.getByLabel('Dataset', { exact: true })).toHaveValue('fashion-mnist');
  const labRows = page.getByTestId('lab-run-row');
  await expect(labRows).toHaveCount(2);
  await expect(labRows.first()).toContainText('Fashion-MNIST');

  await page.reload();
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('lab-run-row').first()).toContainText('Fashion-MNIST');
  expect(errors).toEqual([]);
});

test('a Fashion-MNIST file that cannot be loaded fails only the runs on it, with the reason', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.route('**/data/fashion-mnist-10k.bin', (route) =>
    route.fulfill({ status: 404, body: 'missing' }),
  );
  await page.goto('/#/article/does-bn-work?data=fashion-mnist&lr=0.1&steps=4&eval=2');
  const section = page.locator('#section-does-bn-work');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await train.click();
  const rows = section.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  }
  await expect(section).toContainText('could not load the Fashion-MNIST images');
  await expect(section).toContainText('HTTP 404');

  // The page goes on: the same runs on MNIST train.
  await section.getByLabel('Dataset').selectOption('mnist');
  await train.click();
  await expect(rows.first()).toHaveAttribute('data-status', /completed|stalled/, {
    timeout: 60_000,
  });
  // The browser logs the refused fetch itself; nothing else went wrong.
  expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
});
