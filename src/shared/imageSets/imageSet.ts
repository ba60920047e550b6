/**
 * A labelled image set as an import reads it, checked and turned into the app's dataset: grey
 * levels resized to the network's 28 x 28 input, labels numbered by class name. Pure.
 */
import type { ImageDataset } from '../imageBinary';
import { resizeArea } from './resizeArea';

/** The network's input side, pixels: every imported image is resized to it. */
export const INPUT_SIDE = 28;

/** What an import accepts. */
export const IMAGE_SET_LIMITS = {
  minClasses: 2,
  maxClasses: 100,
  /** Images each class needs at least (some to train on, some to test). */
  minPerClass: 5,
  maxImages: 60_000,
  /** Side of the largest image accepted, pixels. */
  maxSide: 512,
} as const;

/** Images as a file gives them: any size, grey levels 0..255, one label text each. */
export interface RawImages {
  count: number;
  rows: number;
  cols: number;
  /** count x rows x cols grey levels, row-major, image after image. */
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

/** Check the images against IMAGE_SET_LIMITS and make the dataset (resized, labels numbered). */
export function toImageSet(raw: RawImages): ImageSetCheck {
  const { count, rows, cols } = raw;
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
  const size = rows * cols;
  const pixels = new Uint8Array(count * INPUT_SIDE * INPUT_SIDE);
  for (let i = 0; i < count; i++) {
    const image = raw.pixels.subarray(i * size, (i + 1) * size);
    pixels.set(
      rows === INPUT_SIDE && cols === INPUT_SIDE
        ? image
        : resizeArea(image, rows, cols, INPUT_SIDE),
      i * INPUT_SIDE * INPUT_SIDE,
    );
  }
  return {
    ok: true,
    dataset: {
      count,
      rows: INPUT_SIDE,
      cols: INPUT_SIDE,
      classes: classNames.length,
      labels,
      pixels,
    },
    classNames,
  };
}
