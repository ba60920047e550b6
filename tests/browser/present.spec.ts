import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

test('presentation mode, walked by keyboard alone: sections, keys, train, pause, step, slow motion, reset', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/#/article');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /\w+/);

  await page.keyboard.press('p');
  const slide = page.getByTestId('presentation');
  await expect(slide).toHaveAttribute('data-section', 'mechanics');
  await expect(
    page.getByRole('heading', { name: '1. What batch normalization computes' }),
  ).toBeVisible();
  // One section at a time: the next one is not on the page.
  await expect(page.getByRole('heading', { name: '2. Does BN help?' })).toHaveCount(0);

  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keys' });
  await expect(keys).toBeVisible();
  await expect(keys.getByTestId('present-keys')).toContainText('Pause or resume its runs');
  await page.keyboard.press('Escape');
  await expect(keys).toHaveCount(0);
  await expect(slide).toBeVisible();

  await page.keyboard.press('ArrowRight');
  await expect(slide).toHaveAttribute('data-section', 'does-bn-work');
  await expect(page).toHaveURL(/#\/present\/does-bn-work$/);

  // Slow motion: three steps down from full speed is 2 steps a second.
  for (let i = 0; i < 3; i++) await page.keyboard.press('-');
  await expect(page.getByText(/Section 2 of 5 · 2 steps\/s/)).toBeVisible();

  await page.keyboard.press('t');
  const rows = slide.getByTestId('run-row');
  await expect(rows).toHaveCount(4);
  const first = rows.first().getByTestId('run-step');
  await expect(first).toHaveText(/^[1-9]\d* \//, { timeout: 30_000 });

  await page.keyboard.press('Space');
  await expect(slide.locator('[data-testid="run-row"][data-status="paused"]')).toHaveCount(4);
  const before = Number((await first.textContent())?.split(' /')[0]);
  await page.keyboard.press('s');
  await expect(first).toHaveText(new RegExp(`^${before + 1} /`));
  await page.waitForTimeout(1500);
  await expect(first).toHaveText(new RegExp(`^${before + 1} /`)); // still paused after its step
  await expect(slide.locator('[data-testid="run-row"][data-status="paused"]')).toHaveCount(4);

  await page.keyboard.press('Space');
  await expect(
    slide.locator('[data-testid="run-row"][data-status="running"]').first(),
  ).toBeVisible();
  await page.keyboard.press('r');
  await expect(rows).toHaveCount(0);

  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  await expect(page.getByText(/Section 2 of 5 · full speed/)).toBeVisible();

  await page.keyboard.press('ArrowLeft');
  await expect(slide).toHaveAttribute('data-section', 'mechanics');
  await page.keyboard.press('Escape');
  await expect(slide).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'BatchNorm Lab' })).toBeVisible();
  expect(errors).toEqual([]);
});
