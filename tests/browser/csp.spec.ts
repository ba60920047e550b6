import { expect, test } from '@playwright/test';
import { startRun, watchErrors } from './helpers';

declare global {
  interface Window {
    /** Filled by the init script: every Content-Security-Policy violation the page reports. */
    cspViolations?: string[];
  }
}

test('every view works under the Content-Security-Policy: no violation while it loads, trains, exports and presents', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations?.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto('/#/article');
  // The preview server sends the whole policy; the page carries it too, less frame-ancestors.
  const header = response?.headers()['content-security-policy'] ?? '';
  for (const directive of [
    "script-src 'self' 'wasm-unsafe-eval'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ])
    expect(header).toContain(directive);
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).not.toContain('frame-ancestors');

  // The article: the backend probe (wasm in a worker), KaTeX's fonts, a section trained.
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.goto('/#/article/does-bn-work');
  const section = page.locator('[data-experiment="does-bn-work"]');
  await section.getByLabel('Steps', { exact: true }).fill('5');
  await section.getByRole('button', { name: 'Train' }).click();
  await expect(section.locator('[data-testid="run-row"][data-status="completed"]')).toHaveCount(4, {
    timeout: 60_000,
  });

  // The lab: a run, a chart exported as PNG (an image drawn from a data URL) and the runs as JSON.
  await page.goto('/#/lab');
  await startRun(page, { Name: 'csp', Steps: '5' });
  await expect(page.locator('[data-testid="lab-run-row"][data-run="csp"]')).toHaveAttribute(
    'data-status',
    'completed',
    { timeout: 60_000 },
  );
  const chart = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]').first();
  await chart.getByTestId('chart-export').click();
  await Promise.all([page.waitForEvent('download'), chart.getByTestId('chart-export-png').click()]);
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all-json').click()]);

  // Presentation mode.
  await page.goto('/#/article');
  await page.keyboard.press('p');
  await expect(page.getByTestId('presentation')).toBeVisible();

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  expect(errors).toEqual([]);
});
