/** The registry of normalization layers a network can use after each convolution. */
import type { NormalizationName } from '../../../shared/runConfig';
import { batchNorm } from './batchNorm';
import { identity } from './identity';
import { l1Norm, l2Norm, linfNorm } from './lpNorm';
import { noisyBatchNorm } from './noisyBatchNorm';
import type { NormalizationKind } from './types';

export const NORMALIZATION_REGISTRY: Record<NormalizationName, NormalizationKind> = {
  none: identity,
  batchnorm: batchNorm,
  'noisy-batchnorm': noisyBatchNorm,
  l1: l1Norm,
  l2: l2Norm,
  linf: linfNorm,
};
