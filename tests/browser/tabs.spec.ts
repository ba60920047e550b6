import { expect, test, type Page } from '@playwright/test';
import { labReady, startRun, watchErrors } from './helpers';

const row = (page: Page, name: string) =>
  page.locator(`[data-testid="lab-run-row"][data-run="${name}"]`);
const stepOf = async (page: Page, name: string) =>
  Number((await row(page, name).getByTestId('lab-run-step').textContent())?.split('/')[0]);

test('two tabs: a run started in one trains on in view in the other, is resumed there when its tab closes, and a delete in a third tab reaches the one that trains it', async ({
  page: first,
  context,
}) => {
  const errors = watchErrors(first);
  const second = await context.newPage();
  errors.push(...watchErrors(second));
  for (const page of [first, second]) {
    await page.goto('/#/lab');
    await labReady(page);
  }
  await startRun(first, { Name: 'shared', Steps: '5000' });
  await expect(row(first, 'shared')).toHaveAttribute('data-status', 'running');

  // The second tab shows it as it is saved, steps moving on, controlled only where it trains.
  const there = row(second, 'shared');
  await expect(there).toHaveAttribute('data-status', 'running');
  await expect(there).toContainText('In another tab');
  await expect(there.getByRole('button', { name: 'Pause shared' })).toHaveCount(0);
  await expect(there.getByRole('button', { name: 'Stop shared' })).toHaveCount(0);
  // Past its first checkpoint (step 50), saved.
  await expect.poll(() => stepOf(second, 'shared')).toBeGreaterThan(55);

  // Its tab closes: here it is interrupted, and resumes from its last checkpoint.
  await first.close();
  await expect(there).toHaveAttribute('data-status', 'interrupted');
  await expect(there).toContainText(/tab that trained it closed/);
  const kept = await stepOf(second, 'shared');
  await there.getByRole('button', { name: /^Resume shared from step \d+$/ }).click();
  await expect(there).toHaveAttribute('data-status', 'running');
  await expect(there).not.toContainText('In another tab');
  await expect.poll(() => stepOf(second, 'shared')).toBeGreaterThan(kept);

  // A third tab sees it training in the second; deleting it there stops and removes it here.
  const third = await context.newPage();
  errors.push(...watchErrors(third));
  await third.goto('/#/lab');
  await labReady(third);
  const far = row(third, 'shared');
  await expect(far).toHaveAttribute('data-status', /queued|running/);
  await expect(far).toContainText('In another tab');
  await far.getByRole('button', { name: 'Delete shared' }).click();
  await far.getByRole('button', { name: 'Confirm delete shared' }).click();
  await expect(far).toHaveCount(0);
  // Looked at, as a user would before reading it.
  await second.bringToFront();
  await expect(row(second, 'shared')).toHaveCount(0);
  expect(errors).toEqual([]);
});
