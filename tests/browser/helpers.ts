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

/**
 * What the page's IndexedDB holds of the run named `label`: its record's step and its stored
 * checkpoint's step (null when none), or null when no such run is stored. Read with the raw
 * IndexedDB API, as a reload would find it.
 */
export async function storedRun(
  page: Page,
  label: string,
): Promise<{ step: number; checkpointStep: number | null } | null> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('bnlab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
    });
    const read = <T>(store: string, query?: IDBValidKey) =>
      new Promise<T>((resolve, reject) => {
        const objects = db.transaction(store, 'readonly').objectStore(store);
        const request = query === undefined ? objects.getAll() : objects.get(query);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error ?? new Error(`${store} unreadable`));
      });
    try {
      const runs = await read<{ id: string; label: string; step: number }[]>('runs');
      const run = runs.find((r) => r.label === name);
      if (!run) return null;
      const saved = await read<{ checkpoint: { step: number } } | undefined>('checkpoints', run.id);
      return { step: run.step, checkpointStep: saved?.checkpoint.step ?? null };
    } finally {
      db.close();
    }
  }, label);
}
