/** Zod's built-in issues as the short phrases an import rejection lists ("must be at least 3"). */
import { describe, show } from './importText';
import type { z } from './zod';

/** "must be at least 3", "must have at most 40 characters" and kin, for zod's size issues. */
function sizeText(origin: string, bound: number | bigint, relation: string, exact = false): string {
  const n = typeof bound === 'bigint' ? bound.toString() : show(bound);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return `must be ${relation} ${n}`;
  }
  if (origin === 'string' && relation === 'at least' && bound === 1) return 'must not be empty';
  const unit = origin === 'string' ? 'characters' : 'items';
  return `must have ${exact ? 'exactly' : relation} ${n} ${unit}`;
}

/** What zod's type names read as in a message. */
const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

/** Quoted, comma-separated, at most 8 shown. */
function quoteList(items: readonly unknown[]): string {
  const shown = items.slice(0, 8).map((v) => (typeof v === 'string' ? describe(v) : String(v)));
  return items.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Messages for zod's built-in checks (the schema's own messages, e.g. in runConfig, win). */
export const readableIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const relation = issue.inclusive === false ? 'greater than' : 'at least';
      return sizeText(issue.origin, issue.minimum, relation, issue.exact);
    }
    case 'too_big': {
      const relation = issue.inclusive === false ? 'less than' : 'at most';
      return sizeText(issue.origin, issue.maximum, relation, issue.exact);
    }
    case 'invalid_value':
      return `must be one of ${quoteList(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `must match ${issue.pattern}`
        : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${quoteList(issue.keys)}`;
    case 'invalid_union':
      return 'has the wrong type';
    default:
      return undefined;
  }
};
