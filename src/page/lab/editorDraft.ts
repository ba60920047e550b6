/**
 * The editor's text and a run config, both ways: a config shown as a draft, and a draft parsed,
 * validated by the run schema and each error put beside its field. Pure; no React.
 */
import { checkRunConfig, type RunConfig } from '../../shared/runConfig';
import { MAX_LAB_SEEDS } from '../store/labLaunches';
import { FIELDS, type EditorDraft, type FieldId, type FieldSpec } from './editorFields';

/** Fields whose value is text as such, not a number or a list. */
const TEXT_FIELDS = new Set<FieldId>([
  'label',
  'task',
  'dataset',
  'normalization',
  'placement',
  'noiseSchedule',
  'optimizer',
  'lrSchedule',
]);

/** Read a dotted path of a plain object. */
function getPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}

/** A copy of `value` with the dotted path set (objects along the path are copied). */
function setPath(
  value: Record<string, unknown>,
  path: string,
  leaf: unknown,
): Record<string, unknown> {
  const [key = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...value, [key]: leaf };
  const child = value[key];
  const next =
    child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : {};
  return { ...value, [key]: setPath(next, rest.join('.'), leaf) };
}

/** The draft showing `config` (and a name and seed count). */
export function draftOf(config: RunConfig, label: string, seeds = 1): EditorDraft {
  const draft = { label, seeds: String(seeds) } as EditorDraft;
  for (const field of FIELDS) {
    if (!field.path) continue;
    const value = getPath(config, field.path);
    draft[field.id] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return draft;
}

/** Typed text as a number: blank or anything not a finite number becomes NaN (zod names it). */
const toNumber = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** A comma- or space-separated list of numbers ("8, 16"); a bad entry becomes NaN. */
const toNumberList = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map(toNumber);

export type EditorCheck =
  | { ok: true; config: RunConfig; label: string; seeds: number }
  | { ok: false; errors: Partial<Record<FieldId, string>> };

/** The field a schema error belongs to: the longest field path that prefixes the error's path. */
function fieldOfPath(path: string): FieldId | null {
  let best: FieldSpec | null = null;
  for (const field of FIELDS) {
    if (!field.path) continue;
    if (
      (path === field.path || path.startsWith(`${field.path}.`)) &&
      (!best || field.path.length > (best.path?.length ?? 0))
    )
      best = field;
  }
  return best?.id ?? null;
}

/** Parse every field over `base` (fields the editor lacks keep base's values) and validate. */
export function checkEditor(draft: EditorDraft, base: RunConfig): EditorCheck {
  const errors: Partial<Record<FieldId, string>> = {};
  let config: Record<string, unknown> = { ...base };
  for (const field of FIELDS) {
    // A field that does not apply (momentum under Adam, say) keeps base's value, typed or not.
    if (!field.path || (field.applies && !field.applies(draft))) continue;
    const text = draft[field.id];
    const value = TEXT_FIELDS.has(field.id)
      ? text
      : field.id === 'convFilters'
        ? toNumberList(text)
        : toNumber(text);
    config = setPath(config, field.path, value);
  }
  const check = checkRunConfig(config);
  if (!check.ok) {
    for (const { path, message } of check.errors) {
      // An error on a setting the form does not show is said beside the name, with its path.
      const field = fieldOfPath(path);
      const shown = field && FIELDS.find((f) => f.id === field)?.applies?.(draft) !== false;
      if (field && shown) errors[field] ??= message;
      else errors.label ??= `${path}: ${message}`;
    }
  }
  const label = draft.label.replace(/\s+/g, ' ').trim();
  if (label === '') errors.label ??= 'give the run a name';
  const seeds = toNumber(draft.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_LAB_SEEDS)
    errors.seeds = `must be a whole number from 1 to ${MAX_LAB_SEEDS}`;
  if (Object.keys(errors).length > 0 || !check.ok) return { ok: false, errors };
  return { ok: true, config: check.config, label, seeds };
}
