import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

/** The run table's geometry: each header's width and each body row's height, CSS px. */
async function geometry(page: Page) {
  return page.locator('.runlist-table').evaluate((table) => ({
    columns: Array.from(table.querySelectorAll('thead th'), (th) =>
      Math.round(th.getBoundingClientRect().width),
    ),
    rows: Array.from(table.querySelectorAll('tbody tr'), (tr) =>
      Math.round(tr.getBoundingClientRect().height),
    ),
  }));
}

test('the run table keeps its columns and row heights while runs train and end, actions in view', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  const editor = page.locator('#lab-editor');
  await editor.getByLabel('Name', { exact: true }).fill('geometry');
  await editor.getByLabel('Steps', { exact: true }).fill('40');
  await editor.getByLabel('Seeds', { exact: true }).fill('2');
  await editor.getByLabel('Vary', { exact: true }).selectOption('learningRate');
  await editor.getByLabel('learning rate values').fill('0.05, 0.1');
  await editor.getByRole('button', { name: 'Start sweep of 4 runs' }).click();

  // While they train: a row with a speed and an ETA, Pause and Stop among its actions.
  const rows = page.getByTestId('lab-run-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await expect
    .poll(async () => Number(await rows.first().getAttribute('data-step')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(rows.first().getByRole('button', { name: /^Pause / })).toBeVisible();
  const training = await geometry(page);

  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    4,
    { timeout: 120_000 },
  );
  // Ended: fewer actions, no speed, other statuses; not one column or row changed size.
  await expect(rows.first().getByRole('button', { name: /^Pause / })).toHaveCount(0);
  expect(await geometry(page)).toEqual(training);

  // At 1280 px the last column, the actions, is in view without scrolling the table sideways.
  const scroller = page.locator('.runlist .table-scroll');
  const [box, shown] = await Promise.all([
    rows
      .first()
      .getByRole('button', { name: /^Delete / })
      .boundingBox(),
    scroller.boundingBox(),
  ]);
  expect(box && shown && box.x + box.width <= shown.x + shown.width).toBe(true);
  // Each icon says what it does.
  await expect(rows.first().getByRole('button', { name: /^Duplicate / })).toHaveAttribute(
    'title',
    /^Duplicate: /,
  );
  expect(errors).toEqual([]);
});
