/** The run table grouped by a setting: one section per value, seed groups kept whole. Pure. */
import type { RunGroup } from '../runGroups';

/** The groups whose members share one value of the grouping setting. */
export interface Section {
  /** The value as text (its identity). */
  key: string;
  groups: RunGroup[];
}

/** `groups` in sections by `keyOf` of their first member, sections in order of first appearance. */
export function sectionGroups(
  groups: readonly RunGroup[],
  keyOf: (runId: string) => string,
): Section[] {
  const sections: Section[] = [];
  const byKey = new Map<string, Section>();
  for (const group of groups) {
    const key = keyOf(group.runIds[0] ?? '');
    const found = byKey.get(key);
    if (found) {
      found.groups.push(group);
    } else {
      const section = { key, groups: [group] };
      byKey.set(key, section);
      sections.push(section);
    }
  }
  return sections;
}

/**
 * Of `paths`, those a table can group by: every seed group's members share their value (a seed
 * group is never split across sections), judged by `textOf`.
 */
export function groupablePaths(
  paths: readonly string[],
  groups: readonly RunGroup[],
  textOf: (runId: string, path: string) => string,
): string[] {
  return paths.filter((path) =>
    groups.every((group) => {
      const [first, ...rest] = group.runIds;
      if (first === undefined) return true;
      const value = textOf(first, path);
      return rest.every((id) => textOf(id, path) === value);
    }),
  );
}
