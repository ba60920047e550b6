import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startRun } from './helpers';

/** axe's verdicts that block: a serious or critical violation fails the audit. */
const BLOCKING = new Set(['serious', 'critical']);

async function audit(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 140)}`)
          .join(' | ')}${v.nodes.length > 3 ? ` +${v.nodes.length - 3} more` : ''}`,
    );
}

/**
 * The page as it is now, audited in the light and the dark theme: the app follows the system's
 * scheme live, so switching the emulated scheme re-colours the same page (no reload, no retraining).
 */
async function auditBothThemes(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const backgrounds = new Set<string>();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    // Two frames: the scheme's change event re-renders the charts' colours before the audit.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
        ),
    );
    backgrounds.add(
      await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
    );
    problems.push(...(await audit(page, `${where} (${theme})`)));
  }
  // The scheme really changed between the two audits.
  expect(backgrounds.size, `${where}: one background in both themes`).toBe(2);
  return problems;
}

test('no serious or critical accessibility violations in the article, the lab and presentation mode, light and dark', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto('/#/article');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /\w+/);
  await expect(page.locator('main h2').first()).toBeVisible();
  const problems = await auditBothThemes(page, 'article');

  // The lab with a finished run: its row, its actions and its charts are audited too.
  await page.goto('/#/lab');
  await page.reload();
  await startRun(page, { Steps: '6', 'Batch size': '8' });
  await expect(page.getByTestId('lab-run-step')).toHaveText('6 / 6', { timeout: 60_000 });
  await expect(page.locator('path.recharts-line-curve').first()).toBeVisible();
  problems.push(...(await auditBothThemes(page, 'lab')));

  await page.goto('/#/present/does-bn-work');
  await expect(page.getByTestId('presentation')).toBeVisible();
  problems.push(...(await auditBothThemes(page, 'presentation')));
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
  problems.push(...(await auditBothThemes(page, 'presentation keys')));

  expect(problems).toEqual([]);
});
