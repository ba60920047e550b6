/**
 * Fuzzing the dataset import from valid files (a CSV, a gzipped CSV, an IDX pair, a zip of class
 * folders): truncations, byte flips, hostile characters, wrong headers, impossible input shapes.
 * readLocalDataset must never throw: it refuses with a message, or returns a dataset whose binary
 * decodes and agrees with what is listed. Through the store, a refused import changes nothing.
 * FUZZ_STATS=1 prints how many cases each family accepted and refused.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { idxFile as idx } from '../../helpers/idxFile';
import { createLabStore } from '../../../src/page/store/labStore';
import { readLocalDataset, type ImportFile } from '../../../src/page/store/localDatasets';
import type { DecodeImage } from '../../../src/page/store/decodeImage';
import { LabDatabase } from '../../../src/page/store/persist/db';
import { startPersistence } from '../../../src/page/store/persist/startPersistence';
import { decodeMnist, encodeMnist } from '../../../src/shared/imageBinary';
import { IMAGE_SET_LIMITS, type InputShape } from '../../../src/shared/imageSets/imageSet';
import { mulberry32 } from '../../../src/shared/mulberry32';
import { createFakeClient, createFakeMemory, DATA_URLS } from '../support/fakeLab';

/** Mutated cases per family. */
const CASES = 250;
/** Refused cases also sent through the store, to see that nothing changes. */
const STORE_CASES = 40;
/** Images per class in the valid files, and their side, pixels. */
const PER_CLASS = 6;
const SIDE = 4;

const random = mulberry32(20261207);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

/** A stand-in for the browser's decoder: a file holds its side, then its levels (1 or 3). */
const fakeDecode: DecodeImage = async (bytes) => {
  const side = bytes[0] ?? 0;
  if (side === 0 || bytes.length < 2) throw new Error('not an image');
  const levels = Array.from(bytes.subarray(1, 4));
  const channels = levels.length === 3 ? 3 : 1;
  const pixels = Uint8Array.from(
    { length: side * side * channels },
    (_, i) => levels[i % channels] ?? 0,
  );
  return { rows: side, cols: side, channels, pixels };
};

/** Two classes of PER_CLASS images each, as (label, levels) pairs. */
const images = Array.from({ length: 2 * PER_CLASS }, (_, i) => ({
  label: i % 2 === 0 ? 'cat' : 'dog',
  levels: Array.from({ length: SIDE * SIDE }, (_, p) => (p * 37 + i * 11) % 256),
}));

const csvText = ['label,' + images[0]?.levels.map((_, p) => `p${p}`).join(',')]
  .concat(images.map((im) => [im.label, ...im.levels].join(',')))
  .join('\n');
const csvBytes = new TextEncoder().encode(csvText);

const idxImages = idx(
  [images.length, SIDE, SIDE],
  images.flatMap((im) => im.levels),
);
const idxLabels = idx(
  [images.length],
  images.map((im) => (im.label === 'cat' ? 0 : 1)),
);
const zipBytes = zipSync(
  Object.fromEntries(
    images.map((im, i) => [
      `pets/${im.label}/${i}.png`,
      new Uint8Array(i % 3 === 0 ? [3 + i, 10, 200, 30] : [5 + i, im.levels[0] ?? 0]),
    ]),
  ),
);

/** `bytes` with a few bytes replaced by random ones (or by `alphabet`'s characters). */
function flip(bytes: Uint8Array, alphabet?: string): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + int(6);
  for (let k = 0; k < flips; k++) {
    out[int(out.length)] = alphabet ? alphabet.charCodeAt(int(alphabet.length)) : int(256);
  }
  return out;
}
const truncate = (bytes: Uint8Array) => bytes.slice(0, int(bytes.length));
/** Characters that make CSVs awkward: separators, quotes, signs, exponents, words, blanks. */
const HOSTILE = ',,;;\t\n\r"\'-+.eE9x \u00a0\u2028NaInfity';
/** Text edits: a line lost or repeated, a huge or odd number in a cell, a BOM. */
function editCsv(text: string): string {
  const lines = text.split('\n');
  const at = int(lines.length);
  const cells = (lines[at] ?? '').split(',');
  switch (int(5)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 2:
      cells[int(cells.length)] = pick(['1e999', '-0', '255.0000001', '0x10', '', '""', 'NaN']);
      lines[at] = cells.join(',');
      break;
    case 3:
      cells.splice(int(cells.length), 0, '7');
      lines[at] = cells.join(',');
      break;
    default:
      return `\ufeff${text}`;
  }
  return lines.join('\n');
}

/** A shape an import may be asked for, awkward ones sometimes; colour mostly for colour files. */
const shape = (colour = 0.1): InputShape => ({
  side: random() < 0.85 ? pick([8, 12, 28, 64]) : pick([0, -4, 7, 65, 9.5, Number.NaN, 1e9]),
  channels: random() < colour ? 3 : 1,
});

type Case = { family: string; files: ImportFile[]; shape: InputShape };

function cases(): Case[] {
  const out: Case[] = [];
  const file = (name: string, bytes: Uint8Array): ImportFile => ({ name, bytes });
  for (let i = 0; i < CASES; i++) {
    const csv = pick([
      () => flip(csvBytes, HOSTILE),
      () => truncate(csvBytes),
      () => new TextEncoder().encode(editCsv(csvText)),
      () => flip(csvBytes),
    ])();
    out.push({ family: 'csv', files: [file('a.csv', csv)], shape: shape() });
    const gzipped = gzipSync(csvBytes);
    out.push({
      family: 'gzip',
      files: [file('a.csv.gz', pick([flip, truncate])(new Uint8Array(gzipped)))],
      shape: shape(),
    });
    const headerFlip = (bytes: Uint8Array) => {
      const out = bytes.slice();
      out[int(Math.min(16, out.length))] = pick([0, 1, 2, 3, 4, 8, 0x0d, 255, int(256)]);
      return out;
    };
    const [a, b] = pick([
      () => [headerFlip(idxImages), idxLabels],
      () => [idxImages, headerFlip(idxLabels)],
      () => [truncate(idxImages), idxLabels],
      () => [flip(idxImages), flip(idxLabels)],
      () => [idxLabels, idxLabels],
      () => [idxImages, idxImages],
    ])() as [Uint8Array, Uint8Array];
    out.push({
      family: 'idx',
      files: [file('images', a), file('labels', b)],
      shape: shape(),
    });
    out.push({
      family: 'zip',
      files: [file('a.zip', pick([flip, truncate, (z: Uint8Array) => flip(flip(z))])(zipBytes))],
      shape: shape(0.5),
    });
  }
  return out;
}

/** A dataset the import accepted: its binary decodes and agrees with what the lab lists. */
function expectConsistent(
  dataset: Awaited<ReturnType<typeof readLocalDataset>> & { ok: true },
  asked: InputShape,
) {
  const data = decodeMnist(dataset.dataset.bytes);
  expect(data.count).toBe(dataset.dataset.count);
  expect([data.rows, data.cols, data.channels]).toEqual([asked.side, asked.side, asked.channels]);
  expect(data.classes).toBe(dataset.dataset.classNames.length);
  expect(data.classes).toBeGreaterThanOrEqual(IMAGE_SET_LIMITS.minClasses);
  const perClass = new Array<number>(data.classes).fill(0);
  for (const label of data.labels) perClass[label] = (perClass[label] ?? 0) + 1;
  for (const n of perClass) expect(n).toBeGreaterThanOrEqual(IMAGE_SET_LIMITS.minPerClass);
}

describe('fuzzed dataset imports', () => {
  const all = cases();

  it('never throw: each is refused with a message, or accepted consistent with its binary', async () => {
    const stats = new Map<string, { accepted: number; refused: number }>();
    const messages = new Set<string>();
    for (const c of all) {
      const result = await readLocalDataset('fuzz', c.files, c.shape, fakeDecode);
      const tally = stats.get(c.family) ?? { accepted: 0, refused: 0 };
      if (result.ok) {
        tally.accepted += 1;
        expectConsistent(result, c.shape);
      } else {
        tally.refused += 1;
        messages.add(`${c.family}: ${result.message.replace(/\d+/g, '#').slice(0, 90)}`);
        expect(result.message).toMatch(/\S/);
        expect(result.message).not.toMatch(/undefined|\[object|NaN pixels/);
      }
      stats.set(c.family, tally);
    }
    if (process.env.FUZZ_STATS) {
      console.table(Object.fromEntries(stats));
      console.log([...messages].sort().join('\n'));
    }
    // Every family saw refusals (the mutations bite) and the whole run covered each family.
    for (const family of ['csv', 'gzip', 'idx', 'zip']) {
      expect(stats.get(family)?.refused).toBeGreaterThan(0);
    }
  }, 120_000);

  it('a refused import changes nothing in the store or in IndexedDB', async () => {
    const indexedDB = new IDBFactory();
    const openDb = () => new LabDatabase('bnlab-fuzz-test', { indexedDB, IDBKeyRange });
    const client = createFakeClient();
    const store = createLabStore(client, createFakeMemory(), DATA_URLS, null);
    await startPersistence(store, openDb, async () => null);
    expect(
      await store
        .getState()
        .importDataset('kept', [{ name: 'a.csv', bytes: csvBytes }], { side: 8, channels: 1 }),
    ).toBe(true);
    const before = store.getState().localDatasets;
    const sentBefore = client.sent.length;
    let refused = 0;
    for (const c of all) {
      if (refused >= STORE_CASES) break;
      // Only cases the reader refuses (the browser's decoder is not here: zips are left out).
      if (c.family === 'zip') continue;
      const read = await readLocalDataset('fuzz', c.files, c.shape, fakeDecode);
      if (read.ok) continue;
      refused += 1;
      expect(await store.getState().importDataset('fuzz', c.files, c.shape)).toBe(false);
    }
    expect(refused).toBe(STORE_CASES);
    expect(store.getState().localDatasets).toBe(before);
    expect(client.sent.length).toBe(sentBefore);
    expect((await openDb().datasets.toArray()).map((d) => d.name)).toEqual(['kept']);
  }, 60_000);

  it('stored image files with flipped or cut bytes decode consistently or throw an Error naming the problem', () => {
    const good = encodeMnist({
      count: 4,
      rows: 2,
      cols: 2,
      channels: 3,
      classes: 3,
      labels: Uint8Array.from([0, 1, 2, 1]),
      pixels: Uint8Array.from({ length: 48 }, (_, i) => i),
    });
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const bad = pick([truncate, flip, (b: Uint8Array) => flip(b.slice(0, 32))])(good);
      try {
        const data = decodeMnist(bad);
        expect(data.labels.length).toBe(data.count);
        expect(data.pixels.length).toBe(data.count * data.rows * data.cols * data.channels);
        for (const label of data.labels) expect(label).toBeLessThan(data.classes);
      } catch (error) {
        refused += 1;
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(
          /image file|magic|label \d+ out of range|channels/,
        );
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
