/**
 * Images from CSV text: one image per line, its label first, then its grey levels row by row
 * (as Kaggle ships MNIST: "label,pixel0,…,pixel783"), or for colour images red, green and blue
 * pixel by pixel (3 x side² values: never a square count, so the two cannot be confused). A first
 * line that is not numbers is a header. Levels are 0..255, or 0..1 when no value in the file
 * exceeds 1. Pure.
 */
import { IMAGE_SET_LIMITS, type RawImages } from './imageSet';

export type RawImagesCheck = { ok: true; raw: RawImages } | { ok: false; message: string };

/** The separator of a line: comma, else semicolon, else tab. */
const separatorOf = (line: string) =>
  line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';

/** The square image `values` numbers make: grey when a square count, colour when 3 x a square. */
function imageOf(values: number): { side: number; channels: 1 | 3 } | null {
  const square = (n: number) => Number.isInteger(Math.sqrt(n)) && n > 0;
  if (square(values)) return { side: Math.sqrt(values), channels: 1 };
  if (values % 3 === 0 && square(values / 3)) return { side: Math.sqrt(values / 3), channels: 3 };
  return null;
}

/** A cell without surrounding blanks and quotes. */
const clean = (cell: string) => cell.trim().replace(/^"(.*)"$/, '$1');

export function parseCsvImages(text: string): RawImagesCheck {
  // Each value takes at least two characters (a digit and a separator): a file too short for every
  // line to be whole is refused at its first short line, so no more room than this is needed.
  const room = Math.ceil(text.length / 2);
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { ok: false, message: 'the file is empty' };
  const separator = separatorOf(lines[first] ?? '');
  const cellsOf = (line: string) => line.split(separator).map(clean);
  const header = cellsOf(lines[first] ?? '')
    .slice(1)
    .some((cell) => cell === '' || !Number.isFinite(Number(cell)));
  const rows: { line: number; text: string }[] = [];
  for (let i = header ? first + 1 : first; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() !== '') rows.push({ line: i + 1, text });
  }
  if (rows.length > IMAGE_SET_LIMITS.maxImages) {
    return {
      ok: false,
      message: `${rows.length.toLocaleString('en')} images: at most ${IMAGE_SET_LIMITS.maxImages.toLocaleString('en')} can be imported`,
    };
  }
  let size = -1;
  let values = new Float32Array(0);
  const labels: string[] = [];
  let max = 0;
  for (const [r, { line, text: lineText }] of rows.entries()) {
    const [label = '', ...pixels] = cellsOf(lineText);
    const where = `line ${line}`;
    if (label === '') return { ok: false, message: `${where}: no label in the first column` };
    if (size < 0) {
      size = pixels.length;
      if (size === 0) return { ok: false, message: `${where}: a label and no pixel values` };
      const image = imageOf(size);
      if (!image) {
        return {
          ok: false,
          message: `${where}: ${size} pixel values, not a square image (28×28 grey is 784, 32×32 in colour 3,072)`,
        };
      }
      if (image.side > IMAGE_SET_LIMITS.maxSide) {
        return {
          ok: false,
          message: `${where}: ${image.side}×${image.side} images: each side must be 1 to ${IMAGE_SET_LIMITS.maxSide} pixels`,
        };
      }
      values = new Float32Array(Math.min(rows.length * size, room));
    } else if (pixels.length !== size) {
      return {
        ok: false,
        message: `${where}: ${pixels.length} pixel values where the first image has ${size} (images of mixed sizes)`,
      };
    }
    for (let c = 0; c < pixels.length; c++) {
      const cell = pixels[c] ?? '';
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) {
        return { ok: false, message: `${where}, column ${c + 2}: “${cell}” is not a number` };
      }
      if (v < 0 || v > 255) {
        return {
          ok: false,
          message: `${where}, column ${c + 2}: level ${v} is outside 0–255`,
        };
      }
      if (v > max) max = v;
      values[r * size + c] = v;
    }
    labels.push(label);
  }
  if (labels.length === 0) return { ok: false, message: 'the file has a header and no images' };
  // Values in 0..1 (normalized pixels) are scaled to grey levels.
  const scale = max <= 1 ? 255 : 1;
  const { side, channels } = imageOf(size) ?? { side: 0, channels: 1 };
  return {
    ok: true,
    raw: {
      count: labels.length,
      rows: side,
      cols: side,
      channels,
      pixels: Uint8Array.from(values, (v) => Math.round(v * scale)),
      labels,
    },
  };
}
