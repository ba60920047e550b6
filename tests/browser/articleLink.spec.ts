import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test("a link with an article section's settings opens its form with them; Train keeps them in the URL across a reload", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/article/does-bn-work?lr=0.05&steps=12&eval=4');
  const section = page.locator('#section-does-bn-work');
  const train = section.getByRole('button', { name: 'Train' });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await expect(section.getByLabel('Learning rates')).toHaveValue('0.05');
  await expect(section.getByLabel('Steps')).toHaveValue('12');
  await expect(section.getByLabel('Test every')).toHaveValue('4');
  // Nothing trains before Train is pressed.
  await expect(section.getByTestId('run-row')).toHaveCount(0);

  await train.click();
  // One learning rate: plain and BN.
  await expect(section.getByTestId('run-row')).toHaveCount(2);
  await expect(page).toHaveURL(/#\/article\/does-bn-work\?lr=0\.05&steps=12&eval=4$/);
  await expect(section.getByTestId('run-row').first()).toHaveAttribute(
    'data-status',
    /completed|stalled/,
    { timeout: 60_000 },
  );

  await page.reload();
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await expect(section.getByLabel('Learning rates')).toHaveValue('0.05');
  await expect(section.getByLabel('Steps')).toHaveValue('12');
  expect(errors).toEqual([]);
});

test('a link with a setting out of range opens the form with its message, and Train waits', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/article/does-bn-work?steps=-3');
  const section = page.locator('#section-does-bn-work');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /\w+/, {
    timeout: 60_000,
  });
  await expect(section.getByLabel('Steps')).toHaveValue('-3');
  await expect(section.getByLabel('Steps')).toHaveAttribute('aria-invalid', 'true');
  await expect(section.getByRole('button', { name: 'Train' })).toBeDisabled();
  expect(errors).toEqual([]);
});
