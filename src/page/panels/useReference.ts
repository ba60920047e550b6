/**
 * The reference results shipped for an experiment on a dataset (`references/<id>.json` under the
 * app's base URL for MNIST, `<id>@<dataset>.json` for another), fetched once per page and validated; null while loading, and for good when the file is
 * missing or invalid (nothing is drawn, nothing is reported on the page).
 */
import { useEffect, useState } from 'react';
import { DEFAULT_DATASET, isShipped, type DatasetId } from '../../shared/datasets';
import { readReference, referencePath, type Reference } from '../../shared/reference';

/** Absolute URL of an experiment's reference file on `dataset` for this page. */
function referenceUrl(experimentId: string, dataset: DatasetId): string {
  const base = new URL(import.meta.env.BASE_URL, document.baseURI);
  return new URL(referencePath(experimentId, dataset), base).href;
}

/** Fetches and validates one file: the reference, or null (missing, unreadable, invalid). */
async function fetchReference(url: string): Promise<Reference | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const check = readReference(await response.json());
    if (check.ok) return check.reference;
    console.warn(`reference results not shown: ${url}: ${check.error}`);
    return null;
  } catch {
    return null; // offline, or not JSON: simply nothing to show
  }
}

/** One request per file and page, shared by every view of the experiment. */
const requests = new Map<string, Promise<Reference | null>>();

/** The cached request for `url`, started on first use. */
function requestOnce(url: string, load: (url: string) => Promise<Reference | null>) {
  let request = requests.get(url);
  if (!request) {
    request = load(url);
    requests.set(url, request);
  }
  return request;
}

/** The experiment's reference on `dataset` once loaded; null before, and when there is none. */
export function useReference(
  experimentId: string,
  dataset: DatasetId = DEFAULT_DATASET,
  load: (url: string) => Promise<Reference | null> = fetchReference,
): Reference | null {
  // Only the shipped datasets have shipped references.
  const url = isShipped(dataset) ? referenceUrl(experimentId, dataset) : null;
  const [loaded, setLoaded] = useState<{ url: string; reference: Reference | null } | null>(null);
  useEffect(() => {
    if (url === null) return;
    let current = true;
    void requestOnce(url, load).then((reference) => {
      if (current) setLoaded({ url, reference });
    });
    return () => {
      current = false;
    };
  }, [url, load]);
  return url !== null && loaded?.url === url ? loaded.reference : null;
}
