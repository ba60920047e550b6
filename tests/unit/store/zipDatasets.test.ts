import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzip, readLocalDataset } from '../../../src/page/store/localDatasets';
import { gzipSync } from 'node:zlib';
import type { DecodeImage } from '../../../src/page/store/decodeImage';
import { isZip, zipImages } from '../../../src/shared/imageSets/zipFolders';
import { decodeMnist } from '../../../src/shared/imageBinary';

/**
 * A stand-in for the browser's decoder: each "image" file holds its side, then its grey level, or
 * its side and red, green, blue levels.
 */
const fakeDecode: DecodeImage = async (bytes) => {
  const side = bytes[0] ?? 0;
  if (side === 0) throw new Error('not an image');
  const levels = Array.from(bytes.subarray(1));
  const channels = levels.length === 3 ? 3 : 1;
  const pixels = Uint8Array.from(
    { length: side * side * channels },
    (_, i) => levels[i % channels] ?? 0,
  );
  return { rows: side, cols: side, channels, pixels };
};
const image = (side: number, ...levels: number[]) => new Uint8Array([side, ...levels]);
const zip = (files: Record<string, Uint8Array>) => zipSync(files);

describe('a zip of class folders', () => {
  it('takes each image’s folder as its class, at any depth, skipping folders, hidden files and others', () => {
    const bytes = zip({
      'pets/cat/1.png': image(2, 10),
      'pets/cat/2.PNG': image(2, 10),
      'pets/dog/1.jpg': image(2, 10),
      'pets/dog/notes.txt': new Uint8Array([1]),
      '__MACOSX/pets/cat/._1.png': image(2, 10),
      'pets/.DS_Store': new Uint8Array([1]),
    });
    expect(isZip(bytes)).toBe(true);
    const read = zipImages(bytes);
    if (!read.ok) throw new Error(read.message);
    expect(read.images.map((i) => [i.path, i.label])).toEqual([
      ['pets/cat/1.png', 'cat'],
      ['pets/cat/2.PNG', 'cat'],
      ['pets/dog/1.jpg', 'dog'],
    ]);
  });

  it.each([
    [
      { 'loose.png': image(2, 1) },
      'loose.png is not in a class folder: put each class’s images in a folder named after it',
    ],
    [
      { 'a/readme.txt': new Uint8Array([1]) },
      'the zip holds no images (PNG, JPEG, GIF, BMP or WebP)',
    ],
  ])('says what is wrong: %#', (files, message) => {
    expect(zipImages(zip(files))).toEqual({ ok: false, message });
  });

  it('refuses a damaged archive', () => {
    const bytes = zip({ 'a/1.png': image(2, 1) });
    const cut = bytes.slice(0, bytes.length - 30);
    const read = zipImages(cut);
    expect(read.ok).toBe(false);
  });

  it('becomes a dataset: every image resized to 28 x 28 whatever its size, classes from the folders', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) {
      files[`shapes/dark/${i}.png`] = image(10 + i, 20);
      files[`shapes/light/${i}.png`] = image(40 + i, 220);
    }
    const read = await readLocalDataset(
      'zipped',
      [{ name: 'shapes.zip', bytes: zip(files) }],
      undefined,
      fakeDecode,
    );
    if (!read.ok) throw new Error(read.message);
    expect(read.dataset).toMatchObject({ source: 'ZIP', count: 10, classNames: ['dark', 'light'] });
    const decoded = decodeMnist(read.dataset.bytes);
    expect([decoded.rows, decoded.cols, decoded.classes]).toEqual([28, 28, 2]);
    expect(decoded.pixels[0]).toBe(20);
    expect(decoded.pixels[decoded.pixels.length - 1]).toBe(220);
  });

  it('names an image the browser cannot read', async () => {
    const files = {
      'a/1.png': image(2, 1),
      'a/2.png': new Uint8Array([0]),
      'b/1.png': image(2, 1),
    };
    expect(
      await readLocalDataset('x', [{ name: 'x.zip', bytes: zip(files) }], undefined, fakeDecode),
    ).toEqual({
      ok: false,
      message: 'a/2.png is not an image this browser can read (not an image)',
    });
  });

  it('keeps colour at the size asked for: 16 x 16 x 3, each channel averaged on its own', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) {
      files[`colours/red/${i}.png`] = image(32, 200, 10, 0);
      files[`colours/blue/${i}.png`] = image(8, 0, 10, 250);
    }
    const bytes = zip(files);
    const read = await readLocalDataset(
      'rgb',
      [{ name: 'c.zip', bytes }],
      { side: 16, channels: 3 },
      fakeDecode,
    );
    if (!read.ok) throw new Error(read.message);
    const decoded = decodeMnist(read.dataset.bytes);
    expect([decoded.rows, decoded.cols, decoded.channels, decoded.classes]).toEqual([16, 16, 3, 2]);
    // Classes by name, images in path order: blue (0), enlarged from 8 px, then red (1), shrunk
    // from 32 px. Flat colours stay what they were, channel by channel.
    expect(Array.from(decoded.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const pixel = (image: number) =>
      Array.from(decoded.pixels.subarray(image * 768, image * 768 + 3));
    expect(pixel(0)).toEqual([0, 10, 250]);
    expect(pixel(9)).toEqual([200, 10, 0]);
    // The same images as grey: luminance 0.299 R + 0.587 G + 0.114 B.
    const grey = await readLocalDataset(
      'g',
      [{ name: 'c.zip', bytes }],
      { side: 16, channels: 1 },
      fakeDecode,
    );
    if (!grey.ok) throw new Error(grey.message);
    const greyImages = decodeMnist(grey.dataset.bytes);
    expect(greyImages.channels).toBe(1);
    const red = Math.round(0.299 * 200 + 0.587 * 10);
    const blue = Math.round(0.587 * 10 + 0.114 * 250);
    expect(new Set(greyImages.pixels)).toEqual(new Set([red, blue]));
  });

  it('refuses an input size outside 8 to 64 pixels before reading anything', async () => {
    for (const side of [4, 65, 20.5]) {
      expect(
        await readLocalDataset(
          'x',
          [{ name: 'x.zip', bytes: zip({}) }],
          { side, channels: 1 },
          fakeDecode,
        ),
      ).toEqual({
        ok: false,
        message: `an input size of ${side} pixels: choose a whole number from 8 to 64`,
      });
    }
  });

  it('says a file named .zip that is not one, or a binary file given as CSV, is not what it seems', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]);
    expect(await readLocalDataset('x', [{ name: 'faces.zip', bytes: png }])).toEqual({
      ok: false,
      message: 'faces.zip is not a zip archive (it does not start like one)',
    });
    expect(await readLocalDataset('x', [{ name: 'face.png', bytes: png }])).toEqual({
      ok: false,
      message:
        'face.png is not a CSV text file: choose a CSV, a zip of class folders, or two IDX files',
    });
  });

  it('refuses a zip too large at the size asked for before decoding any image', async () => {
    // 14,000 images at 64 x 64 in colour would take 165 MB, over the 160 MB limit.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 14_000; i++) files[`${i % 2 ? 'a' : 'b'}/${i}.png`] = image(2, 1);
    let decoded = 0;
    const counting: DecodeImage = async (bytes) => {
      decoded += 1;
      return fakeDecode(bytes);
    };
    const read = await readLocalDataset(
      'big',
      [{ name: 'big.zip', bytes: zip(files) }],
      { side: 64, channels: 3 },
      counting,
    );
    expect(read).toEqual({
      ok: false,
      message:
        '14,000 images of 64×64 in colour take 165 MB, more than 160 MB: choose a smaller size or grey',
    });
    expect(decoded).toBe(0);
  });

  it('refuses grey images asked for in colour, whatever their files’ type', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) {
      files[`a/${i}.png`] = image(4, 50, 50, 50);
      files[`b/${i}.png`] = image(4, 200);
    }
    expect(
      await readLocalDataset(
        'g',
        [{ name: 'g.zip', bytes: zip(files) }],
        { side: 8, channels: 3 },
        fakeDecode,
      ),
    ).toEqual({ ok: false, message: 'these images are grey: import them as grey, not colour' });
  });
});

describe('gunzip', () => {
  it('unpacks a gzipped file, passes others through, and stops at its limit or a damaged stream', async () => {
    const text = new TextEncoder().encode('a,1,2,3,4\n'.repeat(1000));
    const packed = new Uint8Array(gzipSync(text));
    expect(await gunzip({ name: 'a.csv.gz', bytes: packed })).toEqual({ ok: true, bytes: text });
    expect(await gunzip({ name: 'a.csv', bytes: text })).toEqual({ ok: true, bytes: text });
    // 10,000 bytes unpacked from 50-odd: a bomb in small, refused at a limit of 4,096 bytes.
    expect(await gunzip({ name: 'bomb.gz', bytes: packed }, 4096)).toEqual({
      ok: false,
      message: 'bomb.gz unpacks to more than 0.00390625 MB',
    });
    const damaged = packed.slice();
    damaged[20] = (damaged[20] ?? 0) ^ 0xff;
    expect(await gunzip({ name: 'bad.gz', bytes: damaged })).toEqual({
      ok: false,
      message: 'bad.gz looks gzipped but does not unpack',
    });
  });
});
