import { describe, expect, it } from 'vitest';
import { idxFile as idx } from '../../../helpers/idxFile';
import { parseCsvImages } from '../../../../src/shared/imageSets/csvImages';
import { isGzip, parseIdxPair } from '../../../../src/shared/imageSets/idxImages';
import {
  classOrder,
  IMAGE_SET_LIMITS,
  toImageSet,
  type RawImages,
} from '../../../../src/shared/imageSets/imageSet';
import { areaWeights, resizeArea } from '../../../../src/shared/imageSets/resizeArea';
import { toGrey } from '../../../../src/shared/imageSets/greyLevels';

describe('resizeArea', () => {
  it('averages 2x2 blocks when halving, by hand', () => {
    const image = [0, 100, 10, 20, 200, 100, 30, 40, 1, 3, 50, 50, 5, 7, 50, 50];
    expect(Array.from(resizeArea(image, 4, 4, 2))).toEqual([100, 25, 4, 50]);
  });

  it('keeps a same-size image, repeats pixels when doubling, keeps a blank image blank', () => {
    const image = Array.from({ length: 9 }, (_, i) => i * 20);
    expect(Array.from(resizeArea(image, 3, 3, 3))).toEqual(image);
    expect(Array.from(resizeArea([10, 20, 30, 40], 2, 2, 4))).toEqual([
      10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40,
    ]);
    expect(Array.from(resizeArea(new Uint8Array(30 * 30), 30, 30, 28)).every((v) => v === 0)).toBe(
      true,
    );
  });

  it('resizes colour channel by channel, interleaved (2x2 -> 1x1 and 1x1 -> 2x2), by hand', () => {
    // Red 0, 100, 200, 100 averages to 100; green 10, 20, 30, 40 to 25; blue 255 throughout.
    const rgb = [0, 10, 255, 100, 20, 255, 200, 30, 255, 100, 40, 255];
    expect(Array.from(resizeArea(rgb, 2, 2, 1, 3))).toEqual([100, 25, 255]);
    expect(Array.from(resizeArea([1, 2, 3], 1, 1, 2, 3))).toEqual([
      1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3,
    ]);
  });

  it('weights partly covered pixels by their share (3 -> 2: 1.5 pixels each)', () => {
    expect(areaWeights(3, 2)).toEqual([
      [
        { index: 0, weight: 2 / 3 },
        { index: 1, weight: 1 / 3 },
      ],
      [
        { index: 1, weight: 1 / 3 },
        { index: 2, weight: 2 / 3 },
      ],
    ]);
    // A constant image stays constant whatever the sizes (weights sum to 1).
    const flat = resizeArea(new Uint8Array(37 * 23).fill(77), 37, 23, 28);
    expect(new Set(flat)).toEqual(new Set([77]));
  });
});

/** `count` images of side 2 in CSV, labels cycling through `labels`. */
const csv = (labels: string[], count: number, header = true) =>
  [
    ...(header ? ['label,p0,p1,p2,p3'] : []),
    ...Array.from({ length: count }, (_, i) => `${labels[i % labels.length]},0,${i},255,10`),
  ].join('\n');

describe('toGrey', () => {
  it('weighs red, green and blue as luminance: white stays 255, black 0, pure colours by hand', () => {
    const rgb = [255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 10, 10];
    // 0.299 x 255 = 76.2, 0.587 x 255 = 149.7, 0.114 x 255 = 29.1; equal channels keep their level.
    expect(Array.from(toGrey(rgb))).toEqual([255, 0, 76, 150, 29, 10]);
  });
});

describe('parseCsvImages', () => {
  it('reads a header, labels first, square images', () => {
    const check = parseCsvImages(csv(['a', 'b'], 4));
    if (!check.ok) throw new Error(check.message);
    expect(check.raw).toMatchObject({ count: 4, rows: 2, cols: 2, labels: ['a', 'b', 'a', 'b'] });
    expect(Array.from(check.raw.pixels.subarray(4, 8))).toEqual([0, 1, 255, 10]);
  });

  it('reads files without a header, with semicolons, CRLF, quotes and trailing blank lines', () => {
    const check = parseCsvImages('"1";0;1;2;3\r\n"0";4;5;6;7\r\n\r\n');
    if (!check.ok) throw new Error(check.message);
    expect(check.raw.labels).toEqual(['1', '0']);
    expect(Array.from(check.raw.pixels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads 3 x side² values as colour images, red, green, blue pixel by pixel', () => {
    const check = parseCsvImages('cat,1,2,3,4,5,6,7,8,9,10,11,12\ndog,0,0,0,0,0,0,0,0,0,0,0,255');
    if (!check.ok) throw new Error(check.message);
    expect(check.raw).toMatchObject({ count: 2, rows: 2, cols: 2, channels: 3 });
    expect(check.raw.pixels.length).toBe(24);
    expect(check.raw.pixels[23]).toBe(255);
  });

  it('refuses images over 512 pixels a side at the first line, before taking memory for them', () => {
    const row = ['a', ...new Array<string>(513 * 513).fill('0')].join(',');
    expect(parseCsvImages(`${row}\n${'b\n'.repeat(10)}`)).toEqual({
      ok: false,
      message: 'line 1: 513×513 images: each side must be 1 to 512 pixels',
    });
  });

  it('scales 0..1 values to grey levels, and keeps all-zero images as they are', () => {
    const check = parseCsvImages('x,0,0.5,1,0.25\ny,0,0,0,0');
    if (!check.ok) throw new Error(check.message);
    expect(Array.from(check.raw.pixels)).toEqual([0, 128, 255, 64, 0, 0, 0, 0]);
  });

  it.each([
    ['', 'the file is empty'],
    ['label,a,b,c,d\n', 'the file has a header and no images'],
    [
      'a,1,2,3,4,5',
      'line 1: 5 pixel values, not a square image (28×28 grey is 784, 32×32 in colour 3,072)',
    ],
    [
      'a,1,2,3,4\nb,1,2,3',
      'line 2: 3 pixel values where the first image has 4 (images of mixed sizes)',
    ],
    ['a,1,2,3,4\nb,1,x,3,4', 'line 2, column 3: “x” is not a number'],
    ['a,1,2,3,4\nb,1,2,,4', 'line 2, column 4: “” is not a number'],
    ['a,1,2,300,4', 'line 1, column 4: level 300 is outside 0–255'],
    ['a,1,2,-1,4', 'line 1, column 4: level -1 is outside 0–255'],
    [',1,2,3,4', 'line 1: no label in the first column'],
    ['a', 'line 1: a label and no pixel values'],
  ])('refuses %j: %s', (text, message) => {
    expect(parseCsvImages(text)).toEqual({ ok: false, message });
  });
});

describe('parseIdxPair', () => {
  const images = idx([3, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const labels = idx([3], [7, 0, 7]);

  it('reads images and labels in either order', () => {
    for (const [a, b] of [
      [images, labels],
      [labels, images],
    ] as const) {
      const check = parseIdxPair(a, b);
      if (!check.ok) throw new Error(check.message);
      expect(check.raw).toMatchObject({ count: 3, rows: 2, cols: 2, labels: ['7', '0', '7'] });
      expect(Array.from(check.raw.pixels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }
  });

  it('reads colour images from a fourth dimension of 3, and refuses other channel counts', () => {
    const colour = idx(
      [3, 1, 2, 3],
      Array.from({ length: 18 }, (_, i) => i),
    );
    const check = parseIdxPair(colour, labels);
    if (!check.ok) throw new Error(check.message);
    expect(check.raw).toMatchObject({ count: 3, rows: 1, cols: 2, channels: 3 });
    expect(Array.from(check.raw.pixels)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(parseIdxPair(idx([3, 1, 2, 2], new Array<number>(12).fill(0)), labels)).toEqual({
      ok: false,
      message: 'the images file has 2 values per pixel; 1 (grey) or 3 (colour) are read',
    });
    expect(parseIdxPair(idx([3, 1, 2, 3, 1], new Array<number>(18).fill(0)), labels)).toEqual({
      ok: false,
      message: 'the images file has 5 dimensions; images have 3 or 4',
    });
  });

  it('says what is wrong with a bad pair', () => {
    const bad = (a: Uint8Array, b: Uint8Array) => {
      const check = parseIdxPair(a, b);
      return check.ok ? 'ok' : check.message;
    };
    expect(bad(images, idx([2], [1, 2]))).toBe('3 images but 2 labels');
    expect(bad(images.slice(0, 20), labels)).toBe(
      'the images file is 20 bytes; its header promises 28',
    );
    const floats = images.slice();
    floats[2] = 0x0d;
    expect(bad(floats, labels)).toBe(
      'the images file holds type 0xd; only unsigned bytes (0x08) are read',
    );
    const text = new TextEncoder().encode('hello, this is not idx');
    expect(bad(text, labels)).toBe('the images file is not an IDX file (bad magic number)');
    expect(bad(images, new Uint8Array(3))).toBe('the labels file is too short for an IDX header');
    // A header that claims billions of images in a small file is refused without allocating them.
    expect(bad(idx([4e9, 28, 28], [1]), idx([4e9], [1]))).toMatch(/header promises/);
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(images)).toBe(false);
  });
});

describe('toImageSet', () => {
  /** `perClass` blank 2x2 images for each of `classes`. */
  const raw = (classes: string[], perClass: number): RawImages => {
    const labels = classes.flatMap((c) => Array.from({ length: perClass }, () => c));
    return {
      count: labels.length,
      rows: 2,
      cols: 2,
      channels: 1,
      pixels: new Uint8Array(labels.length * 4).fill(200),
      labels,
    };
  };

  it('numbers classes by name (numerically when whole numbers) and resizes to 28 x 28', () => {
    expect(classOrder(['10', '2', '-1', '2'])).toEqual(['-1', '2', '10']);
    expect(classOrder(['dog', 'cat', '2'])).toEqual(['2', 'cat', 'dog']);
    const check = toImageSet(raw(['10', '2'], 5));
    if (!check.ok) throw new Error(check.message);
    expect(check.classNames).toEqual(['2', '10']);
    expect(Array.from(check.dataset.labels)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect([check.dataset.rows, check.dataset.cols, check.dataset.classes]).toEqual([28, 28, 2]);
    expect(check.dataset.pixels.length).toBe(10 * 784);
    expect(new Set(check.dataset.pixels)).toEqual(new Set([200]));
  });

  it.each([
    [raw(['a'], 10), 'only one class (“a”): a classifier needs at least 2'],
    [
      raw(['a', 'b', 'c'], 4),
      `classes “a”, “b”, “c” have fewer than ${IMAGE_SET_LIMITS.minPerClass} images`,
    ],
    [
      raw(
        Array.from({ length: 101 }, (_, i) => `c${i}`),
        5,
      ),
      '101 classes: at most 100',
    ],
    [{ ...raw(['a', 'b'], 5), rows: 600 }, '600×2 images: each side must be 1 to 512 pixels'],
    [{ ...raw(['a', 'b'], 0), count: 0 }, 'the file holds no images'],
  ])('refuses a bad set: %#', (input, message) => {
    expect(toImageSet(input)).toEqual({ ok: false, message });
  });

  it('makes the input asked for: another side, colour kept, colour made grey', () => {
    const colour: RawImages = {
      ...raw(['a', 'b'], 5),
      channels: 3,
      pixels: Uint8Array.from({ length: 10 * 12 }, (_, i) => [255, 0, 0][i % 3] ?? 0),
    };
    const kept = toImageSet(colour, { side: 8, channels: 3 });
    if (!kept.ok) throw new Error(kept.message);
    expect(kept.dataset).toMatchObject({ rows: 8, cols: 8, channels: 3 });
    expect(Array.from(kept.dataset.pixels.subarray(0, 6))).toEqual([255, 0, 0, 255, 0, 0]);
    const grey = toImageSet(colour, { side: 8, channels: 1 });
    if (!grey.ok) throw new Error(grey.message);
    expect(grey.dataset.channels).toBe(1);
    expect(new Set(grey.dataset.pixels)).toEqual(new Set([76]));
  });

  it.each([
    [{ side: 12, channels: 3 } as const, 'these images are grey: import them as grey, not colour'],
    [
      { side: 7, channels: 1 } as const,
      'an input size of 7 pixels: choose a whole number from 8 to 64',
    ],
    [
      { side: 65, channels: 1 } as const,
      'an input size of 65 pixels: choose a whole number from 8 to 64',
    ],
  ])('refuses an input it cannot make: %j', (shape, message) => {
    expect(toImageSet(raw(['a', 'b'], 5), shape)).toEqual({ ok: false, message });
  });

  it('refuses a set too large to keep at the size asked for, saying what would fit', () => {
    // 60,000 images of 64 x 64 in colour are 703 MB; the limit is 160 MB.
    const many: RawImages = {
      count: 60_000,
      rows: 1,
      cols: 1,
      channels: 3,
      pixels: new Uint8Array(60_000 * 3),
      labels: Array.from({ length: 60_000 }, (_, i) => String(i % 10)),
    };
    expect(toImageSet(many, { side: 64, channels: 3 })).toEqual({
      ok: false,
      message:
        '60,000 images of 64×64 in colour take 704 MB, more than 160 MB: choose a smaller size or grey',
    });
    const fits = toImageSet(many, { side: 28, channels: 3 });
    expect(fits.ok).toBe(true);
  });

  it('names every class short of images, the rare new one too', () => {
    const input = raw(['a', 'b'], 5);
    input.labels[9] = 'c';
    expect(toImageSet(input)).toEqual({
      ok: false,
      message: 'classes “b”, “c” have fewer than 5 images',
    });
  });
});
