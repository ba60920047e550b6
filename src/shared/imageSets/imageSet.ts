/**
 * A labelled image set as an import reads it, checked and turned into the app's dataset: images
 * resized to the side the user chose (28 x 28 like the shipped datasets unless told), grey or
 * colour as chosen, labels numbered by class name. Pure.
 */
import { imageBytes, type ImageDataset } from '../imageBinary';
import { toGrey } from './greyLevels';
import { resizeArea } from './resizeArea';

/** The side imported images are resized to unless the user picks another, pixels. */
const INPUT_SIDE = 28;

/** The network input an import makes: images of side x side pixels with 1 or 3 channels. */
export interface InputShape {
  /** Side every image is resized to, pixels. */
  side: number;
  /** 1 = grey, 3 = red, green, blue. */
  channels: 1 | 3;
}

/** What an import makes unless the user chooses: 28 x 28 grey, like the shipped datasets. */
export const DEFAULT_INPUT_SHAPE: InputShape = { side: INPUT_SIDE, channels: 1 };

/**
 * The input sides a user may choose, pixels. The default network's two conv blocks need 4; a
 * network of more blocks on a small input is refused when its run starts, saying the least side.
 */
export const INPUT_SIDE_RANGE = { min: 8, max: 64 } as const;

/** What an import accepts. */
export const IMAGE_SET_LIMITS = {
  minClasses: 2,
  maxClasses: 100,
  /** Images each class needs at least (some to train on, some to test). */
  minPerClass: 5,
  maxImages: 60_000,
  /** Side of the largest image accepted, pixels. */
  maxSide: 512,
  /**
   * Largest dataset kept, bytes of resized images (each worker holds it in memory): room for
   * CIFAR-10's 50,000 training images at 32 x 32 in colour (146.5 MB).
   */
  maxDatasetBytes: 160 * 1024 * 1024,
} as const;

/** Images as a file gives them: any size, levels 0..255, one label text each. */
export interface RawImages {
  count: number;
  rows: number;
  cols: number;
  /** 1 = grey, 3 = red, green, blue (interleaved per pixel). */
  channels: 1 | 3;
  /** count x rows x cols x channels levels, row-major, image after image. */
  pixels: Uint8Array;
  /** One label per image, as written in the file. */
  labels: string[];
}

/** An import's result: the dataset, its class names by label, or what is wrong. */
export type ImageSetCheck =
  { ok: true; dataset: ImageDataset; classNames: string[] } | { ok: false; message: string };

const show = (n: number) => n.toLocaleString('en');

/** Class names in order: numerically when every label is a whole number ("2" before "10"). */
export function classOrder(labels: readonly string[]): string[] {
  const names = [...new Set(labels)];
  const numeric = names.every((n) => /^-?\d+$/.test(n));
  return numeric ? names.sort((a, b) => Number(a) - Number(b)) : names.sort();
}

/** Why grey images are not imported as colour. */
export const GREY_AS_COLOUR = 'these images are grey: import them as grey, not colour';

/** Why `shape` cannot be an import's input, or null. */
export function inputShapeProblem(shape: InputShape): string | null {
  const { min, max } = INPUT_SIDE_RANGE;
  return Number.isInteger(shape.side) && shape.side >= min && shape.side <= max
    ? null
    : `${Number.isFinite(shape.side) ? `an input size of ${shape.side} pixels` : 'no input size'}: choose a whole number from ${min} to ${max}`;
}

/** Why `count` images of `shape` are too many bytes to keep (IMAGE_SET_LIMITS), or null. */
export function sizeProblem(count: number, shape: InputShape): string | null {
  const bytes = count * shape.side * shape.side * shape.channels;
  if (bytes <= IMAGE_SET_LIMITS.maxDatasetBytes) return null;
  const mb = (n: number) => `${Math.ceil(n / 2 ** 20)} MB`;
  const colour = shape.channels === 3;
  return `${show(count)} images of ${shape.side}×${shape.side}${colour ? ' in colour' : ''} take ${mb(bytes)}, more than ${mb(IMAGE_SET_LIMITS.maxDatasetBytes)}: choose a smaller size${colour ? ' or grey' : ''}`;
}

/** One image's levels with `to` channels (grey made from colour by luminance, grey repeated). */
function withChannels(image: Uint8Array, from: 1 | 3, to: 1 | 3): Uint8Array {
  if (from === to) return image;
  if (to === 1) return toGrey(image);
  return Uint8Array.from({ length: image.length * 3 }, (_, i) => image[Math.floor(i / 3)] ?? 0);
}

/** One image (any size, its own channels) as the input: `shape`'s channels, resized to its side. */
export function toInput(
  image: Uint8Array,
  rows: number,
  cols: number,
  channels: 1 | 3,
  shape: InputShape,
): Uint8Array {
  const levels = withChannels(image, channels, shape.channels);
  return rows === shape.side && cols === shape.side
    ? levels
    : resizeArea(levels, rows, cols, shape.side, shape.channels);
}

/**
 * Check the images against IMAGE_SET_LIMITS and make the dataset of `shape` (resized, labels
 * numbered). Grey images asked for in colour are refused: three equal channels teach nothing more.
 */
export function toImageSet(raw: RawImages, shape: InputShape = DEFAULT_INPUT_SHAPE): ImageSetCheck {
  const { count, rows, cols } = raw;
  const shapeProblem = inputShapeProblem(shape);
  if (shapeProblem) return { ok: false, message: shapeProblem };
  if (raw.channels === 1 && shape.channels === 3) {
    return { ok: false, message: GREY_AS_COLOUR };
  }
  if (count === 0) return { ok: false, message: 'the file holds no images' };
  if (count > IMAGE_SET_LIMITS.maxImages) {
    return {
      ok: false,
      message: `${show(count)} images: at most ${show(IMAGE_SET_LIMITS.maxImages)} can be imported`,
    };
  }
  if (rows < 1 || cols < 1 || rows > IMAGE_SET_LIMITS.maxSide || cols > IMAGE_SET_LIMITS.maxSide) {
    return {
      ok: false,
      message: `${rows}×${cols} images: each side must be 1 to ${IMAGE_SET_LIMITS.maxSide} pixels`,
    };
  }
  const classNames = classOrder(raw.labels);
  if (classNames.length < IMAGE_SET_LIMITS.minClasses) {
    return {
      ok: false,
      message: `only one class (“${classNames[0] ?? ''}”): a classifier needs at least ${IMAGE_SET_LIMITS.minClasses}`,
    };
  }
  if (classNames.length > IMAGE_SET_LIMITS.maxClasses) {
    return {
      ok: false,
      message: `${classNames.length} classes: at most ${IMAGE_SET_LIMITS.maxClasses}`,
    };
  }
  const number = new Map(classNames.map((name, i) => [name, i]));
  const perClass = new Array<number>(classNames.length).fill(0);
  const labels = Uint8Array.from(raw.labels, (name) => number.get(name) ?? 0);
  for (const label of labels) perClass[label] = (perClass[label] ?? 0) + 1;
  const few = classNames.filter((_, i) => (perClass[i] ?? 0) < IMAGE_SET_LIMITS.minPerClass);
  if (few.length > 0) {
    return {
      ok: false,
      message: `class${few.length > 1 ? 'es' : ''} ${few.map((n) => `“${n}”`).join(', ')} ha${few.length > 1 ? 've' : 's'} fewer than ${IMAGE_SET_LIMITS.minPerClass} images`,
    };
  }
  const out = { rows: shape.side, cols: shape.side, channels: shape.channels };
  const tooLarge = sizeProblem(count, shape);
  if (tooLarge) return { ok: false, message: tooLarge };
  const bytes = count * imageBytes(out);
  const size = imageBytes(raw);
  const pixels = new Uint8Array(bytes);
  for (let i = 0; i < count; i++) {
    const image = raw.pixels.subarray(i * size, (i + 1) * size);
    pixels.set(toInput(image, rows, cols, raw.channels, shape), i * imageBytes(out));
  }
  return {
    ok: true,
    dataset: { count, ...out, classes: classNames.length, labels, pixels },
    classNames,
  };
}
