import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { watchErrors, startRun } from './helpers';

/** Press `button` and return the download it starts. */
async function downloadOf(page: Page, button: Locator): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return download;
}

/** The saved file of a download, as bytes. */
async function bytesOf(download: Download, path: string): Promise<Buffer> {
  await download.saveAs(path);
  return readFile(path);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DATED = String.raw`\d{4}-\d{2}-\d{2}`;

/** A PNG's pixel width and height, from its IHDR chunk (big-endian at bytes 16 and 20). */
function pngSize(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('a chart exports as PNG and SVG, copies or says why not, and the runs export as CSV and JSON', async ({
  page,
  context,
}, testInfo) => {
  const errors = watchErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  // Nothing to export yet: the data buttons say so.
  await expect(page.getByTestId('export-all-json')).toBeDisabled();
  await expect(page.getByTestId('export-runs-csv')).toBeDisabled();
  await startRun(page, { Name: 'export me', Steps: '10' });
  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    1,
    { timeout: 60_000 },
  );

  const chart = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]').first();
  await expect(chart.locator('path.recharts-line-curve')).toHaveCount(1);
  const title = (await chart.getAttribute('data-title'))!;

  // PNG: twice the card's CSS width, named after the chart.
  await chart.getByTestId('chart-export').click();
  await expect(chart.getByTestId('chart-export-png')).toBeVisible();
  const png = await downloadOf(page, chart.getByTestId('chart-export-png'));
  expect(png.suggestedFilename()).toMatch(new RegExp(`^bnlab-lab-train-loss-${DATED}\\.png$`));
  const pngBytes = await bytesOf(png, testInfo.outputPath('chart.png'));
  const box = (await chart.boundingBox())!;
  const size = pngSize(pngBytes);
  expect(Math.abs(size.width - 2 * box.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - 2 * box.height)).toBeLessThanOrEqual(2);
  await expect(chart.getByTestId('chart-export-png')).toBeHidden();

  // SVG: a standalone file with the title, the series path and no CSS variables.
  await chart.getByTestId('chart-export').click();
  const svg = await downloadOf(page, chart.getByTestId('chart-export-svg'));
  expect(svg.suggestedFilename()).toMatch(new RegExp(`^bnlab-lab-train-loss-${DATED}\\.svg$`));
  const svgText = (await bytesOf(svg, testInfo.outputPath('chart.svg'))).toString('utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svgText).not.toContain('var(');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      title: doc.querySelector('svg > title')?.textContent,
      texts: Array.from(doc.querySelectorAll('text'), (t) => t.textContent),
      paths: Array.from(doc.querySelectorAll('path'), (p) => p.getAttribute('d')?.length ?? 0),
    };
  }, svgText);
  expect(parsed.errors).toBe(0);
  expect(parsed.title).toBe(title);
  expect(parsed.texts).toContain(title);
  expect(parsed.texts).toContain('export me');
  expect(parsed.paths.some((length) => length > 20)).toBe(true);

  // Copy PNG: copied where the browser can put images on the clipboard, else the fallback message.
  const canCopy = await page.evaluate(
    () =>
      window.isSecureContext &&
      typeof ClipboardItem !== 'undefined' &&
      typeof navigator.clipboard?.write === 'function' &&
      (typeof ClipboardItem.supports !== 'function' || ClipboardItem.supports('image/png')),
  );
  await chart.getByTestId('chart-export').click();
  await chart.getByTestId('chart-export-copy').click();
  const message = chart.getByTestId('chart-export-message');
  if (canCopy) {
    // Headless Chromium may still refuse images; then the message must say to download instead.
    await expect(message).toHaveText(/^(Copied to the clipboard\.|.*use Download PNG\.)$/);
    const copied = (await message.textContent()) === 'Copied to the clipboard.';
    testInfo.annotations.push({ type: 'clipboard', description: copied ? 'copied' : 'refused' });
    if (copied) {
      const types = await page.evaluate(async () => {
        const items = await navigator.clipboard.read();
        return items.flatMap((item) => item.types);
      });
      expect(types).toContain('image/png');
    }
  } else {
    await expect(message).toHaveText('Copy is not available here: use Download PNG.');
  }

  // The overlay grid as one image for slides.
  const overlay = page.getByTestId('lab-overlay');
  const panelPng = await downloadOf(page, page.getByTestId('panel-export-png').first());
  expect(panelPng.suggestedFilename()).toMatch(new RegExp(`^bnlab-lab-overlay-${DATED}\\.png$`));
  const panelSize = pngSize(await bytesOf(panelPng, testInfo.outputPath('overlay.png')));
  const overlayBox = (await overlay.boundingBox())!;
  expect(Math.abs(panelSize.width - 2 * overlayBox.width)).toBeLessThanOrEqual(2);

  // Runs as data: the visible run as CSV (one line per point) and JSON, every run as JSON.
  const csv = await downloadOf(page, page.getByTestId('export-runs-csv'));
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^bnlab-runs-${DATED}\\.csv$`));
  const csvLines = (await bytesOf(csv, testInfo.outputPath('runs.csv')))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  expect(csvLines[0]).toBe('run,label,step,time_ms,metric,value');
  expect(csvLines.length).toBeGreaterThan(10);

  for (const id of ['export-runs-json', 'export-all-json']) {
    const json = await downloadOf(page, page.getByTestId(id));
    expect(json.suggestedFilename()).toMatch(new RegExp(`^bnlab-runs-${DATED}\\.json$`));
    const doc = JSON.parse((await bytesOf(json, testInfo.outputPath(`${id}.json`))).toString());
    expect(doc.format).toBe('bnlab-runs');
    expect(doc.producer).toBe('BatchNorm Lab 0.1.0 (browser)');
    expect(doc.runs).toHaveLength(1);
    expect(doc.runs[0].label).toBe('export me');
    expect(doc.runs[0].series.trainLoss.steps.length).toBeGreaterThan(0);
  }

  // Hidden runs are not "visible runs".
  await page.getByLabel('Show export me', { exact: true }).uncheck();
  await expect(page.getByTestId('export-runs-csv')).toBeDisabled();
  await expect(page.getByTestId('export-all-json')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('the export menu works from the keyboard', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /./);
  await startRun(page, { Name: 'keys', Steps: '5' });
  await expect(page.locator('[data-testid="lab-run-row"][data-status="completed"]')).toHaveCount(
    1,
    { timeout: 60_000 },
  );
  const chart = page.locator('[data-testid="metric-chart"][data-title^="Train loss"]').first();
  const toggle = chart.getByTestId('chart-export');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(chart.getByTestId('chart-export-png')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(chart.getByTestId('chart-export-svg')).toBeFocused();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.svg$/);
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  expect(errors).toEqual([]);
});
