import { describe, expect, it } from 'vitest';
import { parseCsvImages } from '../../../../src/shared/imageSets/csvImages';
import { isGzip, parseIdxPair } from '../../../../src/shared/imageSets/idxImages';
import {
  classOrder,
  IMAGE_SET_LIMITS,
  toImageSet,
  type RawImages,
} from '../../../../src/shared/imageSets/imageSet';
import { areaWeights, resizeArea } from '../../../../src/shared/imageSets/resizeArea';

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

  it('scales 0..1 values to grey levels, and keeps all-zero images as they are', () => {
    const check = parseCsvImages('x,0,0.5,1,0.25\ny,0,0,0,0');
    if (!check.ok) throw new Error(check.message);
    expect(Array.from(check.raw.pixels)).toEqual([0, 128, 255, 64, 0, 0, 0, 0]);
  });

  it.each([
    ['', 'the file is empty'],
    ['label,a,b,c,d\n', 'the file has a header and no images'],
    ['a,1,2,3', 'line 1: 3 pixel values, not a square image (28×28 is 784)'],
    [
      'a,1,2,3,4\nb,1,2,3',
      'line 2: 3 pixel values where the first image has 4 (images of mixed sizes)',
    ],
    ['a,1,2,3,4\nb,1,x,3,4', 'line 2, column 3: “x” is not a number'],
    ['a,1,2,3,4\nb,1,2,,4', 'line 2, column 4: “” is not a number'],
    ['a,1,2,300,4', 'line 1, column 4: grey level 300 is outside 0–255'],
    ['a,1,2,-1,4', 'line 1, column 4: grey level -1 is outside 0–255'],
    [',1,2,3,4', 'line 1: no label in the first column'],
    ['a', 'line 1: a label and no pixel values'],
  ])('refuses %j: %s', (text, message) => {
    expect(parseCsvImages(text)).toEqual({ ok: false, message });
  });
});

/** An IDX file: magic (type ubyte, `dims.length` dimensions), sizes big-endian, then `data`. */
function idx(dims: number[], data: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set([0, 0, 0x08, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

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

  it('names every class short of images, the rare new one too', () => {
    const input = raw(['a', 'b'], 5);
    input.labels[9] = 'c';
    expect(toImageSet(input)).toEqual({
      ok: false,
      message: 'classes “b”, “c” have fewer than 5 images',
    });
  });
});
