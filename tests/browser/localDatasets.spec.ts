import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { greyPng, rgbPng } from '../helpers/png';
import { labReady, startRun, watchErrors } from './helpers';

/** Side of the generated images (not the network's 28: the import resizes them). */
const SIDE = 14;
/** Images per class. */
const PER_CLASS = 25;

/** A generated image of class `name` (a bar or a dot), with seeded speckle. */
function shape(name: 'bar' | 'dot', i: number): number[] {
  return Array.from({ length: SIDE * SIDE }, (_, p) => {
    const [r, c] = [Math.floor(p / SIDE), p % SIDE];
    const ink =
      name === 'bar' ? Math.abs(r - 7) <= 1 : Math.abs(r - 7) <= 2 && Math.abs(c - 7) <= 2;
    return ink ? 255 : (p * 31 + i * 17) % 40;
  });
}

/** Both classes' images, interleaved. */
const images = () =>
  Array.from({ length: PER_CLASS * 2 }, (_, i) => {
    const name = i % 2 === 0 ? 'bar' : 'dot';
    return { name, pixels: shape(name, i) };
  });

/** The images as CSV: a header, then label and grey levels per line. */
function csv(): Buffer {
  const header = ['label', ...Array.from({ length: SIDE * SIDE }, (_, p) => `p${p}`)].join(',');
  const lines = images().map((im) => [im.name, ...im.pixels].join(','));
  return Buffer.from([header, ...lines].join('\n'), 'utf8');
}

/** The images as an IDX pair (labels 0 = bar, 1 = dot). */
function idxPair(): { images: Buffer; labels: Buffer } {
  const all = images();
  const head = (dims: number[]) => {
    const b = Buffer.alloc(4 + 4 * dims.length);
    b.set([0, 0, 0x08, dims.length]);
    dims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
    return b;
  };
  return {
    images: Buffer.concat([
      head([all.length, SIDE, SIDE]),
      Buffer.from(all.flatMap((im) => im.pixels)),
    ]),
    labels: Buffer.concat([
      head([all.length]),
      Buffer.from(all.map((im) => (im.name === 'bar' ? 0 : 1))),
    ]),
  };
}

/** Import files as a dataset named `name` (input 28 px grey unless told). */
async function importDataset(
  page: Page,
  name: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  shape: { side: string; colour: 'Grey' | 'Colour (RGB)' } = {
    side: '28',
    colour: 'Grey',
  },
) {
  await page.getByLabel('Dataset name').fill(name);
  await page.getByLabel('Input size (px)').fill(shape.side);
  await page.getByLabel('Colour', { exact: true }).selectOption({ label: shape.colour });
  await page.getByTestId('dataset-file').setInputFiles(files);
}

const editor = (page: Page) => page.getByRole('region', { name: 'New run' });

/** The dataset each stored run's config names, by run label (read from IndexedDB itself). */
const storedDatasets = (page: Page) =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('bnlab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
    });
    const runs = await new Promise<{ label: string; config: { dataset: string } }[]>(
      (resolve, reject) => {
        const request = db.transaction('runs', 'readonly').objectStore('runs').getAll();
        request.onsuccess = () => resolve(request.result as never);
        request.onerror = () => reject(request.error ?? new Error('runs unreadable'));
      },
    );
    db.close();
    return Object.fromEntries(runs.map((r) => [r.label, r.config.dataset]));
  });

test('your own images: a CSV and an IDX pair become datasets that train, survive a reload and can be deleted', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await labReady(page);

  await importDataset(page, 'shapes', [
    { name: 'shapes.csv', mimeType: 'text/csv', buffer: csv() },
  ]);
  const listed = page.getByTestId('local-dataset');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText(
    'shapes · 50 images of 28×28 grey (CSV), 2 classes: bar, dot',
  );

  const { images: idxImages, labels: idxLabels } = idxPair();
  await importDataset(page, 'shapes idx', [
    { name: 'train-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: idxImages },
    { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idxLabels },
  ]);
  await expect(listed).toHaveCount(2);
  await expect(listed.nth(1)).toContainText(
    'shapes idx · 50 images of 28×28 grey (IDX), 2 classes: 0, 1',
  );

  // Train a run on each: the editor offers them as datasets.
  for (const [dataset, label] of [
    ['local:shapes', 'on csv'],
    ['local:shapes idx', 'on idx'],
  ] as const) {
    await editor(page).getByLabel('Dataset', { exact: true }).selectOption(dataset);
    await startRun(page, { Name: label, Steps: '6' });
    const row = page.locator(`[data-testid="lab-run-row"][data-run="${label}"]`);
    await expect(row).toHaveAttribute('data-status', /completed|stalled/, { timeout: 60_000 });
    await expect(row.getByTestId('lab-run-step')).toHaveText('6 / 6');
  }

  await expect
    .poll(() => storedDatasets(page))
    .toEqual({
      'on csv': 'local:shapes',
      'on idx': 'local:shapes idx',
    });
  // The run table names the dataset each run trained on.
  await expect(page.getByText('shapes idx (local)').first()).toBeVisible();

  await page.reload();
  await labReady(page);
  await expect(page.getByTestId('local-dataset')).toHaveCount(2);
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2);
  // The datasets train after the reload too (their bytes came back from IndexedDB).
  await editor(page).getByLabel('Dataset', { exact: true }).selectOption('local:shapes');
  await startRun(page, { Name: 'after reload', Steps: '4' });
  await expect(
    page.locator('[data-testid="lab-run-row"][data-run="after reload"]'),
  ).toHaveAttribute('data-status', /completed|stalled/, { timeout: 60_000 });

  // Delete one: gone, and still gone after a reload.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete dataset shapes idx' }).click();
  await expect(page.getByTestId('local-dataset')).toHaveCount(1);
  await page.reload();
  await labReady(page);
  await expect(page.getByTestId('local-dataset')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a zip of class folders of PNGs of mixed sizes becomes a dataset that trains', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await labReady(page);
  const files: Record<string, Uint8Array> = {};
  images().forEach((im, i) => {
    // Every other image twice the size: the import resizes each to 28 x 28.
    const big = i % 4 < 2;
    const pixels = big
      ? Array.from({ length: 4 * SIDE * SIDE }, (_, p) => {
          const [r, c] = [Math.floor(p / (2 * SIDE)), p % (2 * SIDE)];
          return im.pixels[Math.floor(r / 2) * SIDE + Math.floor(c / 2)] ?? 0;
        })
      : im.pixels;
    const side = big ? 2 * SIDE : SIDE;
    files[`shapes/${im.name}/${i}.png`] = greyPng(side, side, pixels);
  });
  files['shapes/readme.txt'] = new TextEncoder().encode('not an image');
  await importDataset(page, 'zipped', [
    { name: 'shapes.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) },
  ]);
  await expect(page.getByTestId('local-dataset').first()).toContainText(
    'zipped · 50 images of 28×28 grey (ZIP), 2 classes: bar, dot',
  );
  await editor(page).getByLabel('Dataset', { exact: true }).selectOption('local:zipped');
  await startRun(page, { Name: 'on zip', Steps: '6' });
  const row = page.locator('[data-testid="lab-run-row"][data-run="on zip"]');
  await expect(row).toHaveAttribute('data-status', /completed|stalled/, { timeout: 60_000 });

  // Colour images told apart by their colour only (the same shape, red or blue), imported at
  // 16 px in colour: the network reads 3 channels and learns them.
  const colours: Record<string, Uint8Array> = {};
  for (let i = 0; i < 2 * PER_CLASS; i++) {
    const name = i % 2 === 0 ? 'red' : 'blue';
    const level = 150 + ((i * 7) % 100);
    const rgb = name === 'red' ? [level, 20, 20] : [20, 20, level];
    colours[`colours/${name}/${i}.png`] = rgbPng(
      SIDE,
      SIDE,
      Array.from({ length: 3 * SIDE * SIDE }, (_, p) => rgb[p % 3] ?? 0),
    );
  }
  await importDataset(
    page,
    'colours',
    [{ name: 'colours.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(colours)) }],
    { side: '16', colour: 'Colour (RGB)' },
  );
  // Listed by name.
  await expect(page.getByTestId('local-dataset').first()).toContainText(
    'colours · 50 images of 16×16 colour (ZIP), 2 classes: blue, red',
  );
  // A preview of each class as the network sees it: 16 px, blue first (classes by name).
  const preview = page.getByTestId('local-dataset').first().getByTestId('dataset-preview');
  await expect(preview.locator('canvas')).toHaveCount(2);
  await expect(preview.locator('figcaption')).toHaveText(['blue', 'red']);
  await expect(preview.locator('canvas').first()).toHaveAttribute('width', '16');
  const [red = 0, , blue = 0] = await preview
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')?.getImageData(8, 8, 1, 1).data ?? []),
    );
  expect(blue).toBeGreaterThan(100);
  expect(red).toBeLessThan(50);
  await editor(page).getByLabel('Dataset', { exact: true }).selectOption('local:colours');
  await startRun(page, { Name: 'in colour', Steps: '6' });
  await expect(page.locator('[data-testid="lab-run-row"][data-run="in colour"]')).toHaveAttribute(
    'data-status',
    /completed|stalled/,
    { timeout: 60_000 },
  );
  // After a reload: both datasets listed with their sizes, both runs there (once both are stored:
  // a run that ends is written at once, but a reload in the same instant would cut the write).
  await expect
    .poll(() => storedDatasets(page))
    .toEqual({ 'on zip': 'local:zipped', 'in colour': 'local:colours' });
  await page.reload();
  await labReady(page);
  await expect(page.getByTestId('local-dataset')).toHaveText([
    /colours · 50 images of 16×16 colour \(ZIP\)/,
    /zipped · 50 images of 28×28 grey \(ZIP\)/,
  ]);
  await expect(page.getByTestId('lab-run-row')).toHaveCount(2);

  // A zip with an image the browser cannot decode is refused, naming it.
  await importDataset(page, 'broken', [
    {
      name: 'broken.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(
        zipSync({
          'a/1.png': greyPng(4, 4, new Array(16).fill(9)),
          'a/2.png': new Uint8Array([1, 2, 3]),
        }),
      ),
    },
  ]);
  await expect(
    page.locator('.notice').filter({ hasText: /a\/2\.png is not an image this browser can read/ }),
  ).toBeVisible();
  await expect(page.getByTestId('local-dataset')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('bad image files get a message each and add nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/#/lab');
  await labReady(page);
  const cases: [string, string, RegExp][] = [
    ['one.csv', `a,${'1,'.repeat(3)}1\na,1,2,3,4`, /only one class \(“a”\)/],
    ['mixed.csv', 'a,1,2,3,4\nb,1,2,3', /line 2: 3 pixel values where the first image has 4/],
    ['word.csv', 'a,1,2,3,4\nb,1,two,3,4', /line 2, column 3: “two” is not a number/],
    ['few.csv', 'a,1,2,3,4\nb,1,2,3,4', /fewer than 5 images/],
    ['empty.csv', '', /the file is empty/],
  ];
  for (const [file, text, message] of cases) {
    await importDataset(page, 'bad', [
      { name: file, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') },
    ]);
    await expect(page.locator('.notice').filter({ hasText: message })).toBeVisible();
  }
  // Two files that are not an IDX pair.
  await importDataset(page, 'bad', [
    {
      name: 'a.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('not idx at all!!'),
    },
    { name: 'b.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('neither is this') },
  ]);
  await expect(page.locator('.notice').filter({ hasText: /not an IDX file/ })).toBeVisible();
  // A good file with an input size out of range, and grey images asked for in colour.
  const good = `${'a,1,2,3,4\n'.repeat(5)}${'b,4,3,2,1\n'.repeat(5)}`;
  const goodCsv = [{ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') }];
  // An input size out of range: said at the field, and Import waits for a good one.
  await page.getByLabel('Dataset name').fill('bad');
  await page.getByLabel('Input size (px)').fill('200');
  await expect(
    page.getByText('an input size of 200 pixels: choose a whole number from 8 to 64'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import images…' })).toBeDisabled();
  await importDataset(page, 'bad', goodCsv, { side: '16', colour: 'Colour (RGB)' });
  await expect(
    page.locator('.notice').filter({ hasText: 'these images are grey: import them as grey' }),
  ).toBeVisible();
  // Said beside the box too, not only at the top of the page.
  await expect(page.getByTestId('dataset-status')).toHaveText(
    'Not imported: these images are grey: import them as grey, not colour.',
  );
  await expect(page.getByTestId('local-dataset')).toHaveCount(0);
  expect(errors).toEqual([]);
});
