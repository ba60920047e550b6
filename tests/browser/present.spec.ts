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
  await expect(page.getByText(/Section 2 of 6 .*· 2 steps\/s/)).toBeVisible();

  await page.keyboard.press('t');
  // A slide shows the runs as one status line (the charts keep the screen).
  const status = slide.getByTestId('run-status-line');
  await expect(status).toContainText('4 runs:');
  await expect(status).toHaveText(/step [1-9]\d* of 300/, { timeout: 30_000 });
  const stepOf = async () => Number(/step (\d+) of/.exec((await status.textContent()) ?? '')?.[1]);

  await page.keyboard.press('Space');
  await expect(status).toContainText('4 runs: 4 paused');
  const before = await stepOf();
  // Each 's' is one step and the runs stay paused. That a paused run takes no step of its own is
  // the session's unit test (tests/unit/engine/session.test.ts), with no clock to wait on here.
  await page.keyboard.press('s');
  await expect(status).toContainText(`step ${before + 1} of`);
  await expect(status).toContainText('4 runs: 4 paused');
  await page.keyboard.press('s');
  await expect(status).toContainText(`step ${before + 2} of`);
  await expect(status).toContainText('4 runs: 4 paused');

  await page.keyboard.press('Space');
  await expect(status).toContainText('running');
  await page.keyboard.press('r');
  await expect(status).toHaveCount(0);

  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  await expect(page.getByText(/Section 2 of 6 .*· full speed/)).toBeVisible();

  await page.keyboard.press('ArrowLeft');
  await expect(slide).toHaveAttribute('data-section', 'mechanics');
  await page.keyboard.press('Escape');
  await expect(slide).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'BatchNorm Lab' })).toBeVisible();
  expect(errors).toEqual([]);
});
