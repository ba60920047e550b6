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

/** Empty border of exported images, CSS pixels (EXPORT_MARGIN), and their scale (EXPORT_SCALE). */
const MARGIN = 16;
const SCALE = 2;

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
  await expect(chart.locator('.chart-line:not(.chart-raw) path.recharts-line-curve')).toHaveCount(
    1,
  );
  const title = (await chart.getAttribute('data-title'))!;

  // PNG: twice the card's CSS width plus a margin, named after the chart and the theme.
  await chart.getByTestId('chart-export').click();
  await expect(chart.getByTestId('chart-export-png')).toBeVisible();
  const png = await downloadOf(page, chart.getByTestId('chart-export-png'));
  expect(png.suggestedFilename()).toMatch(
    new RegExp(`^bnlab-lab-train-loss-light-${DATED}\\.png$`),
  );
  const pngBytes = await bytesOf(png, testInfo.outputPath('chart.png'));
  const box = (await chart.boundingBox())!;
  const size = pngSize(pngBytes);
  expect(Math.abs(size.width - SCALE * (box.width + 2 * MARGIN))).toBeLessThanOrEqual(2);
  expect(Math.abs(size.height - SCALE * (box.height + 2 * MARGIN))).toBeLessThanOrEqual(2);
  await expect(chart.getByTestId('chart-export-png')).toBeHidden();
  // The margin is the background alone, and the "Data table" toggle is not in the image.
  const tableBox = (await chart.getByTestId('chart-data').boundingBox())!;
  const pixels = await page.evaluate(
    async ({ base64, toggle }) => {
      // Decoded here, not fetched from a data: URL (the page's policy allows fetches to itself only).
      const png = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      /** How many distinct colours a rectangle of the image holds. */
      const colours = (x: number, y: number, w: number, h: number) => {
        const seen = new Set<string>();
        for (let row = y; row < y + h; row++) {
          for (let col = x; col < x + w; col++) {
            const at = 4 * (row * bitmap.width + col);
            seen.add(`${data[at]},${data[at + 1]},${data[at + 2]}`);
          }
        }
        return seen.size;
      };
      return {
        top: colours(0, 0, bitmap.width, 20),
        left: colours(0, 0, 20, bitmap.height),
        toggle: colours(toggle.x, toggle.y, toggle.w, toggle.h),
      };
    },
    {
      base64: pngBytes.toString('base64'),
      toggle: {
        x: Math.round(SCALE * (tableBox.x - box.x + MARGIN)),
        y: Math.round(SCALE * (tableBox.y - box.y + MARGIN)),
        w: Math.round(SCALE * tableBox.width),
        h: Math.round(SCALE * tableBox.height),
      },
    },
  );
  expect(pixels).toEqual({ top: 1, left: 1, toggle: 1 });

  // SVG: a standalone file with the title, the series path and no CSS variables.
  await chart.getByTestId('chart-export').click();
  const svg = await downloadOf(page, chart.getByTestId('chart-export-svg'));
  expect(svg.suggestedFilename()).toMatch(
    new RegExp(`^bnlab-lab-train-loss-light-${DATED}\\.svg$`),
  );
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
  expect(panelPng.suggestedFilename()).toMatch(
    new RegExp(`^bnlab-lab-overlay-light-${DATED}\\.png$`),
  );
  const panelSize = pngSize(await bytesOf(panelPng, testInfo.outputPath('overlay.png')));
  const overlayBox = (await overlay.boundingBox())!;
  expect(Math.abs(panelSize.width - SCALE * (overlayBox.width + 2 * MARGIN))).toBeLessThanOrEqual(
    2,
  );

  // The dark theme's copy gets its own name.
  // The toggle cycles through the themes; press it until the page is dark.
  for (
    let press = 0;
    press < 3 && (await page.locator('html[data-theme="dark"]').count()) === 0;
    press++
  ) {
    await page.getByTestId('theme-toggle').click();
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const darkPng = await downloadOf(page, page.getByTestId('panel-export-png').first());
  expect(darkPng.suggestedFilename()).toMatch(
    new RegExp(`^bnlab-lab-overlay-dark-${DATED}\\.png$`),
  );

  // Runs as data: the visible run as CSV (one line per point) and JSON, every run as JSON.
  const csv = await downloadOf(page, page.getByTestId('export-runs-csv'));
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^bnlab-runs-${DATED}\\.csv$`));
  const csvLines = (await bytesOf(csv, testInfo.outputPath('runs.csv')))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  expect(csvLines[0]).toBe('run,label,status,reason,step,time_ms,metric,value');
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
