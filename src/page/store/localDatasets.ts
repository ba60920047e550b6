/**
 * Reading a user's image files into a dataset: a CSV file, an IDX pair (gzipped or not), or a zip
 * of one folder per class, checked, resized and encoded as the app's binary. Pure but for
 * unpacking gzip (the platform's DecompressionStream, in browsers and Node) and decoding a zip's
 * images (the browser's decoder, or one the caller gives).
 */
import { isGzip, parseIdxPair } from '../../shared/imageSets/idxImages';
import { parseCsvImages, type RawImagesCheck } from '../../shared/imageSets/csvImages';
import {
  DEFAULT_INPUT_SHAPE,
  GREY_AS_COLOUR,
  inputShapeProblem,
  sizeProblem,
  toImageSet,
  toInput,
  type InputShape,
} from '../../shared/imageSets/imageSet';
import { isZip, zipImages } from '../../shared/imageSets/zipFolders';
import { errorMessage } from '../../shared/errorMessage';
import { decodeImageInBrowser, type DecodeImage, type DecodedImage } from './decodeImage';
import { previewImages, type PreviewImage } from './datasetPreview';
import { decodeMnist, encodeMnist, imageBytes } from '../../shared/imageBinary';
import {
  datasetLabel,
  isShipped,
  LOCAL_NAME,
  localDatasetId,
  SHIPPED_IMAGE_COUNT,
  type LocalDatasetId,
} from '../../shared/datasets';
import { DEFAULT_RUN_CONFIG, type RunConfig } from '../../shared/runConfig';

/** Largest file an import reads, bytes (a 60,000-image CSV of 28 x 28 is about 110 MB). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** A file as the page read it. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** A dataset imported in this browser, as the lab lists it. */
export interface LocalDataset {
  id: LocalDatasetId;
  name: string;
  /** Images. */
  count: number;
  /** The network input its images make: side (pixels) and channels (1 grey, 3 colour). */
  shape: InputShape;
  /** Class names, by label. */
  classNames: string[];
  /** What it was read from. */
  source: 'CSV' | 'IDX' | 'ZIP';
  /** The first image of each of its first classes, as the network sees it. */
  preview: PreviewImage[];
}

/** A local dataset with its binary (shared/imageBinary.ts), as it is stored. */
export interface LocalDatasetFile extends Omit<LocalDataset, 'shape' | 'preview'> {
  bytes: Uint8Array;
}

/**
 * What the lab lists of a stored dataset: its input shape read from its binary's header, and a
 * preview of its images. Throws when the binary is corrupt.
 */
export function listedDataset({ bytes, ...info }: LocalDatasetFile): LocalDataset {
  const data = decodeMnist(bytes);
  if (data.rows !== data.cols) throw new Error(`${data.rows}×${data.cols} images are not square`);
  return {
    ...info,
    shape: { side: data.rows, channels: data.channels === 3 ? 3 : 1 },
    preview: previewImages(data),
  };
}

/** A dataset's images in words: "28×28 grey", "32×32 colour". */
export const shapeLabel = (shape: InputShape): string =>
  `${shape.side}×${shape.side} ${shape.channels === 3 ? 'colour' : 'grey'}`;

/** Share of a local dataset's images trained on; the rest are its test images. */
const TRAIN_SHARE = 0.8;

/** The images a run on a local dataset of `count` images trains on and is tested on. */
export function localSplit(count: number): { trainSize: number; testSize: number } {
  if (count >= SHIPPED_IMAGE_COUNT) {
    const { trainSize, testSize } = DEFAULT_RUN_CONFIG.data;
    return { trainSize, testSize };
  }
  const trainSize = Math.floor(count * TRAIN_SHARE);
  return { trainSize, testSize: count - trainSize };
}

/**
 * `config` with its train/test split fitted to a local dataset's `count` images (the defaults ask
 * for 8,000 + 2,000): 80% train and 20% test below 10,000 images, the defaults from there on, and
 * the evaluation size at most the test images. Runs on shipped datasets are returned as they are.
 */
export function fitSplit(config: RunConfig, datasets: readonly LocalDataset[]): RunConfig {
  const local = datasets.find((d) => d.id === config.dataset);
  if (!local) return config;
  const { trainSize, testSize } = localSplit(local.count);
  return {
    ...config,
    data: { ...config.data, trainSize, testSize },
    evalSize: Math.min(config.evalSize, testSize),
  };
}

/**
 * Why runs cannot start on their dataset, or null: a local one this browser does not hold (as a
 * link from another browser names it), or one whose images are too small for a CNN's conv blocks
 * (each halves the side).
 */
export function datasetProblem(
  configs: readonly RunConfig[],
  datasets: readonly LocalDataset[],
): string | null {
  const missing = configs.find(
    (c) => !isShipped(c.dataset) && !datasets.some((d) => d.id === c.dataset),
  );
  if (missing) {
    return `Not started: ${datasetLabel(missing.dataset)} is not in this browser (deleted, or imported in another one): import the same images under that name in “Your datasets” to train on them.`;
  }
  for (const c of configs) {
    const side = datasets.find((d) => d.id === c.dataset)?.shape.side;
    const blocks = c.model.convFilters.length;
    if (c.task === 'deep-linear' || side === undefined || side >= 2 ** blocks) continue;
    return `Not started: ${datasetLabel(c.dataset)} holds ${side}×${side} images, too small for ${blocks} conv layers (each halves the side, so they need ${2 ** blocks}×${2 ** blocks}): use fewer conv layers, or import the images at a larger input size.`;
  }
  return null;
}

/** Whether interleaved red, green, blue levels hold any pixel that is not grey. */
function hasColour(rgb: Uint8Array): boolean {
  for (let i = 0; i < rgb.length; i += 3) {
    if (rgb[i] !== rgb[i + 1] || rgb[i + 1] !== rgb[i + 2]) return true;
  }
  return false;
}

/** A zip of class folders as images: each decoded, and made the input `shape` asks for. */
async function readZip(
  bytes: Uint8Array,
  decode: DecodeImage,
  shape: InputShape,
): Promise<RawImagesCheck> {
  const zip = zipImages(bytes);
  if (!zip.ok) return zip;
  // Refused before the resized images' memory is taken.
  const tooLarge = sizeProblem(zip.images.length, shape);
  if (tooLarge) return { ok: false, message: tooLarge };
  const size = imageBytes({ rows: shape.side, cols: shape.side, channels: shape.channels });
  const pixels = new Uint8Array(zip.images.length * size);
  let colour = false;
  for (const [i, image] of zip.images.entries()) {
    let decoded: DecodedImage;
    try {
      decoded = await decode(image.bytes);
    } catch (error) {
      return {
        ok: false,
        message: `${image.path} is not an image this browser can read (${errorMessage(error)})`,
      };
    }
    const { rows, cols, channels } = decoded;
    colour ||= channels === 3 && hasColour(decoded.pixels);
    pixels.set(toInput(decoded.pixels, rows, cols, channels, shape), i * size);
  }
  // Grey images (every pixel's red, green and blue equal) are grey whatever their files' type.
  if (shape.channels === 3 && !colour) return { ok: false, message: GREY_AS_COLOUR };
  return {
    ok: true,
    raw: {
      count: zip.images.length,
      rows: shape.side,
      cols: shape.side,
      channels: shape.channels,
      pixels,
      labels: zip.images.map((image) => image.label),
    },
  };
}

/** Most bytes a gzipped file may unpack to (a guard against gzip bombs). */
const MAX_GUNZIPPED_BYTES = 512 * 1024 * 1024;

/** A file's bytes, unpacked where gzipped (at most `limit` bytes), or what went wrong. */
export async function gunzip(
  file: ImportFile,
  limit = MAX_GUNZIPPED_BYTES,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  if (!isGzip(file.bytes)) return { ok: true, bytes: file.bytes };
  const reader = new Blob([file.bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel();
        return { ok: false, message: `${file.name} unpacks to more than ${limit / 2 ** 20} MB` };
      }
      parts.push(value);
    }
  } catch {
    return { ok: false, message: `${file.name} looks gzipped but does not unpack` };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { ok: true, bytes };
}

/** Why a name cannot be a dataset's, or null when it can. */
export function datasetNameProblem(name: string, taken: readonly string[]): string | null {
  if (!LOCAL_NAME.test(name)) {
    return 'a name of 1 to 40 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit';
  }
  if (taken.includes(name))
    return `a dataset named “${name}” exists: delete it or choose another name`;
  return null;
}

/** The files as a dataset named `name` of input `shape`, or what is wrong with them. */
export async function readLocalDataset(
  name: string,
  files: readonly ImportFile[],
  shape: InputShape = DEFAULT_INPUT_SHAPE,
  decode: DecodeImage = decodeImageInBrowser,
): Promise<{ ok: true; dataset: LocalDatasetFile } | { ok: false; message: string }> {
  const shapeProblem = inputShapeProblem(shape);
  if (shapeProblem) return { ok: false, message: shapeProblem };
  const big = files.find((f) => f.bytes.length > MAX_IMPORT_BYTES);
  if (big) {
    return { ok: false, message: `${big.name} is over ${MAX_IMPORT_BYTES / 2 ** 20} MB` };
  }
  let parsed: RawImagesCheck;
  let source: LocalDataset['source'];
  const [first, second] = files;
  if (!first || files.length > 2) {
    return {
      ok: false,
      message: 'choose one CSV or zip file, or two IDX files (images and labels)',
    };
  }
  if (!second && !isZip(first.bytes) && /\.zip$/i.test(first.name)) {
    return {
      ok: false,
      message: `${first.name} is not a zip archive (it does not start like one)`,
    };
  }
  if (!second && isZip(first.bytes)) {
    parsed = await readZip(first.bytes, decode, shape);
    source = 'ZIP';
  } else if (second) {
    const [a, b] = [await gunzip(first), await gunzip(second)];
    if (!a.ok) return a;
    if (!b.ok) return b;
    parsed = parseIdxPair(a.bytes, b.bytes);
    source = 'IDX';
  } else {
    const text = await gunzip(first);
    if (!text.ok) return text;
    // Text has no zero bytes; a file with them is an image, an archive or a binary of some kind.
    if (text.bytes.includes(0)) {
      return {
        ok: false,
        message: `${first.name} is not a CSV text file: choose a CSV, a zip of class folders, or two IDX files`,
      };
    }
    parsed = parseCsvImages(new TextDecoder().decode(text.bytes));
    source = 'CSV';
  }
  if (!parsed.ok) return parsed;
  const set = toImageSet(parsed.raw, shape);
  if (!set.ok) return set;
  return {
    ok: true,
    dataset: {
      id: localDatasetId(name),
      name,
      count: set.dataset.count,
      classNames: set.classNames,
      source,
      bytes: encodeMnist(set.dataset),
    },
  };
}
