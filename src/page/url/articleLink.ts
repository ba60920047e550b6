/**
 * An article section's experiment settings in its link (`#/article/does-bn-work?lr=0.05,0.5&steps=300`):
 * the settings that differ from the experiment's defaults, so a teacher can hand out a section set
 * up for the lesson. The form opens with them; nothing trains until Train is pressed. Pure.
 */
import type { ExperimentSettings, ExperimentSetup } from '../../experiments/types';
import { SHIPPED_DATASETS } from '../../shared/datasets';
import { PLACEMENTS } from '../../shared/runConfig';
import {
  numberCodec,
  numberListCodec,
  oneOf,
  querySuffix,
  readGiven,
  writeQuery,
  type QueryTable,
} from './queryTable';

/** Key of the experiment's id, written only when it is not the section's own. */
const EXPERIMENT_KEY = 'x';

/** One codec per setting of an experiment's form. */
const ARTICLE_QUERY: QueryTable<ExperimentSettings> = {
  learningRates: numberListCodec('lr'),
  steps: numberCodec('steps'),
  gammaInit: numberCodec('gamma'),
  placement: oneOf('place', PLACEMENTS),
  dataset: oneOf('data', SHIPPED_DATASETS),
  seed: numberCodec('seed'),
  evalEvery: numberCodec('eval'),
};

/** The settings a section's query gives, or null when it gives none. */
export function parseArticleLink(query: string, section: string): ExperimentSetup | null {
  const q = new URLSearchParams(query);
  const settings = readGiven(ARTICLE_QUERY, q);
  if (Object.keys(settings).length === 0) return null;
  return { experiment: q.get(EXPERIMENT_KEY) ?? section, settings };
}

/** The query ("" or "?lr=…") of settings, writing only those that differ from `defaults`. */
export function formatArticleLink(
  link: ExperimentSetup,
  section: string,
  defaults: ExperimentSettings,
): string {
  const q = new URLSearchParams();
  writeQuery(ARTICLE_QUERY, q, link.settings, defaults);
  if (q.size === 0) return '';
  if (link.experiment !== section) q.set(EXPERIMENT_KEY, link.experiment);
  return querySuffix(q);
}
