/** What the browser tests share: error collection and driving the lab's editor. */
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Collect console errors and uncaught page errors for the whole test. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Fill the lab editor's fields and selects (by label) and press Start. */
export async function startRun(
  page: Page,
  fields: Record<string, string>,
  selects: Record<string, string> = {},
): Promise<void> {
  for (const [label, value] of Object.entries(selects))
    await page.getByLabel(label, { exact: true }).selectOption(value);
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: /^Start/ }).click();
}

/** Press the lab's "export all runs as JSON" and save the file; returns its path. */
export async function exportAllJson(page: Page, testInfo: TestInfo): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-all-json').click(),
  ]);
  const file = testInfo.outputPath('runs.json');
  await download.saveAs(file);
  return file;
}

/** Wait until the page can train and save: a backend chosen and IndexedDB storage on. */
export async function labReady(page: Page): Promise<void> {
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await expect(page.getByTestId('storage-status')).toHaveAttribute('data-storage', 'on');
}
