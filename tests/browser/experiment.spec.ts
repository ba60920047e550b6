import { expect, test, type Locator, type Page } from '@playwright/test';
import { startRun, watchErrors } from './helpers';

/** One experiment of the article: its form, run table and charts. */
const experiment = (page: Page, id = 'does-bn-work'): Locator =>
  page.locator(`[data-experiment="${id}"]`);

async function setSteps(scope: Locator, steps: number) {
  await scope.getByLabel('Steps', { exact: true }).fill(String(steps));
}

test('trains the four runs of the first experiment live and charts every series', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const exp = experiment(page);
  await expect(page.getByRole('heading', { name: 'BatchNorm Lab' })).toBeVisible();
  await expect(page.getByTestId('dataset-badge')).toContainText('10,000 digits');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', /^(webgpu|webgl|wasm|cpu)$/);

  await setSteps(exp, 60);
  await exp.getByRole('button', { name: 'Train' }).click();
  const rows = exp.getByTestId('run-row');
  await expect(rows).toHaveCount(4);
  await expect(
    exp.locator(
      ['completed', 'diverged', 'stalled']
        .map((s) => `[data-testid="run-row"][data-status="${s}"]`)
        .join(', '),
    ),
  ).toHaveCount(4, { timeout: 150_000 });

  // At 60 steps nothing has had time to stall: both BN runs must complete.
  for (const label of ['CNN + BN, LR 0.1', 'CNN + BN, LR 0.5']) {
    await expect(page.locator(`[data-testid="run-row"][data-run="${label}"]`)).toHaveAttribute(
      'data-status',
      'completed',
    );
  }
  // Every run drew points in every chart of its panel: one path per line.
  const panels = exp.getByTestId('comparison-panel');
  await expect(panels).toHaveCount(2);
  for (const panel of await panels.all()) {
    for (const chart of await panel.getByTestId('metric-chart').all()) {
      await expect(chart.locator('path.recharts-line-curve')).toHaveCount(2);
      for (const path of await chart.locator('path.recharts-line-curve').all()) {
        expect((await path.getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
      }
    }
  }
  expect(errors).toEqual([]);
});

test('pause holds a run, resume continues it, stop ends it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const exp = experiment(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await setSteps(exp, 5000);
  await exp.getByRole('button', { name: 'Train' }).click();
  const first = exp.getByTestId('run-row').first();
  await expect(first).toHaveAttribute('data-status', 'running');
  await first.getByRole('button', { name: 'Pause' }).click();
  await expect(first).toHaveAttribute('data-status', 'paused');
  const stepText = first.getByTestId('run-step');
  // The step in flight when Pause arrived still finishes, and the page may hold its point up to a
  // second (points are paced to the page's drawing): wait until the count stays put for 2.5 s.
  // The poll's first probe comes at once, so it only records the count (null never matches).
  let held: string | null = null;
  await expect
    .poll(
      async () => {
        const now = await stepText.textContent();
        const settled = now === held;
        held = now;
        return settled;
      },
      { intervals: [2500], timeout: 30_000 },
    )
    .toBe(true);
  // From then on it does not move while the others keep training.
  const second = exp.getByTestId('run-row').nth(1);
  const before = await second.getByTestId('run-step').textContent();
  await expect(second.getByTestId('run-step')).not.toHaveText(before ?? '');
  await expect(stepText).toHaveText(held ?? '');

  await first.getByRole('button', { name: 'Resume' }).click();
  await expect(first).toHaveAttribute('data-status', 'running');
  await expect(stepText).not.toHaveText(held ?? '');

  // The plain CNN at LR 0.5 may stall on its own before its Stop is pressed.
  for (const row of await exp.getByTestId('run-row').all()) {
    if ((await row.getAttribute('data-status')) === 'stalled') continue;
    await row
      .getByRole('button', { name: 'Stop' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect(row).toHaveAttribute('data-status', /^(stopped|stalled)$/);
  }
  await expect(first).toHaveAttribute('data-status', 'stopped');
  expect(errors).toEqual([]);
});

test('a bad setting gets a message beside its field and cannot be started', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const exp = experiment(page);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  const train = exp.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled();
  await setSteps(exp, 0);
  await expect(exp.getByText('must be at least 1')).toBeVisible();
  await expect(exp.getByLabel('Steps', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(train).toBeDisabled();
  await exp.getByLabel('BN γ₀', { exact: true }).fill('abc');
  await expect(exp.getByText('enter a number')).toBeVisible();
  await setSteps(exp, 10);
  await exp.getByLabel('BN γ₀', { exact: true }).fill('0.1');
  await expect(train).toBeEnabled();
  await expect(exp.getByTestId('run-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** Choose `backend` in the menu, train one short lab run, and see the run made on that backend. */
async function trainOn(page: Page, backend: string) {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', /./);
  await page.getByLabel('Backend').selectOption(backend);
  await expect(badge).toHaveAttribute('data-backend', backend, { timeout: 90_000 });
  await expect(badge).toContainText('your choice');
  await startRun(page, { Name: `on ${backend}`, Steps: '2', 'Batch size': '8' });
  const row = page.getByTestId('lab-run-row').filter({ hasText: `on ${backend}` });
  await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  // The row names the backend in force when the run started.
  await expect(row.locator('.runlist-backend')).toHaveText(backend);
  expect(errors).toEqual([]);
}

test('the backend menu switches to another backend and training uses it', async ({ page }) => {
  await trainOn(page, 'cpu');
});

test('a corrupt data file stops the worker with a clear message, not a hang', async ({ page }) => {
  await page.route('**/data/mnist-10k.bin', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/octet-stream',
      body: Buffer.alloc(100),
    }),
  );
  await page.goto('/');
  const exp = experiment(page);
  await expect(page.getByTestId('fatal-notice')).toContainText(
    'not a BatchNorm Lab image file (bad magic number)',
  );
  await expect(exp.getByRole('button', { name: 'Train' })).toBeDisabled();
});

test('a forced slow backend is kept, not silently replaced by the probe', async ({ page }) => {
  await trainOn(page, 'webgl');
});

test('the ICS preset measures moments and ICS live, one line per run, at both rates', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#is-it-ics');
  const exp = experiment(page, 'is-it-ics');
  await expect(
    exp.getByRole('heading', { name: 'Is it internal covariate shift?', exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await setSteps(exp, 25);
  await exp.getByRole('button', { name: 'Train' }).click();
  await expect(exp.locator('[data-testid="run-row"][data-status="completed"]')).toHaveCount(5, {
    timeout: 150_000,
  });
  // LR 0.1: plain, BN and noisy BN; LR 0.3: plain and BN.
  const panels = exp.getByTestId('comparison-panel');
  await expect(panels).toHaveCount(2);
  for (const [index, runs] of [
    [0, 3],
    [1, 2],
  ] as const) {
    for (const title of ['Variance change, layer 2', "ICS ||G - G'||, layer 2", 'Test accuracy']) {
      const chart = panels
        .nth(index)
        .locator(`[data-testid="metric-chart"][data-title="${title}"]`);
      await expect(chart.locator('path.recharts-line-curve')).toHaveCount(runs);
    }
  }
  // Only noisy BN has noise to leave out.
  const clean = panels
    .first()
    .locator('[data-testid="metric-chart"][data-title="Mean change without noise, layer 2"]');
  await expect(clean.locator('path.recharts-line-curve')).toHaveCount(1);
  await expect(clean.locator('path.recharts-line-curve')).toHaveAttribute('stroke', '#009E73');
  expect(errors).toEqual([]);
});
