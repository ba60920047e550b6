/**
 * The numbers of the article's "What we measured" boxes, read from the shipped reference results
 * (the files `npm run references` writes and `npm run reproduce` checks): never typed into prose.
 */
import type { ReactNode } from 'react';
import type { References } from '../../../experiments/findings';
import { useReference } from '../../panels/useReference';
import type { Reference } from '../../../shared/reference';
import { DEFAULT_DATASET, type DatasetId } from '../../../shared/datasets';

/** The references of the given experiments, once all are loaded; null before or when one is missing. */
function useReferences(dataset: DatasetId, first: string, second?: string): References | null {
  const a = useReference(first, dataset);
  const b = useReference(second ?? first, dataset);
  if (!a || !b) return null;
  return { [a.experimentId]: a, [b.experimentId]: b } satisfies Record<string, Reference>;
}

/**
 * A "What we measured" paragraph computed by `render` from the references of one or two
 * experiments; a short note while they load or when they are missing.
 */
export function Measured({
  ids,
  render,
  dataset = DEFAULT_DATASET,
}: {
  ids: [string] | [string, string];
  render: (refs: References) => ReactNode;
  /** The dataset whose reference files are read (each has its own). */
  dataset?: DatasetId;
}) {
  const refs = useReferences(dataset, ids[0], ids[1]);
  if (!refs) {
    return (
      <p>
        <strong>What we measured:</strong> the reference results are loading (they ship with the
        app; offline before the first visit they may be missing).
      </p>
    );
  }
  return <>{render(refs)}</>;
}
