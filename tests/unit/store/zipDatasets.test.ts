import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readLocalDataset } from '../../../src/page/store/localDatasets';
import type { DecodeImage } from '../../../src/page/store/decodeImage';
import { isZip, zipImages } from '../../../src/shared/imageSets/zipFolders';
import { decodeMnist } from '../../../src/shared/imageBinary';

/** A stand-in for the browser's decoder: each "image" file holds its side, then its grey level. */
const fakeDecode: DecodeImage = async (bytes) => {
  const side = bytes[0] ?? 0;
  if (side === 0) throw new Error('not an image');
  return { rows: side, cols: side, grey: new Uint8Array(side * side).fill(bytes[1] ?? 0) };
};
const image = (side: number, grey: number) => new Uint8Array([side, grey]);
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
    expect(await readLocalDataset('x', [{ name: 'x.zip', bytes: zip(files) }], fakeDecode)).toEqual(
      {
        ok: false,
        message: 'a/2.png is not an image this browser can read (not an image)',
      },
    );
  });
});
