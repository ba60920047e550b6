import type { NormalizationKind } from './types';

/** No normalization: the layer passes its input through. */
export const identity: NormalizationKind = {
  label: 'None',
  create: () => ({ trainable: [], state: [], apply: (x) => x }),
};
