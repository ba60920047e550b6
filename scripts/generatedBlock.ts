/**
 * Generated blocks of a Markdown file: text between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` is written by a script, never by hand (a test checks it is current).
 */

/** docs/reproduction.md's printout of `npm run reproduce`. */
export const REPRODUCE_BLOCK = 'reproduce';
/** docs/reproduction.md's printout for another dataset (the claims its shipped references allow). */
export const reproduceBlockOn = (dataset: string) => `reproduce-${dataset}`;
/** The README's verdict lines of `npm run reproduce`. */
export const VERDICTS_BLOCK = 'verdicts';
/** Where the full printout lives. */
export const REPRODUCTION_DOC = 'docs/reproduction.md';

/** The block holding the printout `text` of `npm run reproduce`. */
export const reproduceBlock = (text: string) => `\`\`\`text\n${text}\n\`\`\``;

const markers = (name: string) => [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`];

/** The text of block `name` in `markdown` (without its markers), or null when absent. */
export function readGeneratedBlock(markdown: string, name: string): string | null {
  const [open, close] = markers(name) as [string, string];
  const start = markdown.indexOf(open);
  const end = markdown.indexOf(close);
  if (start < 0 || end < start) return null;
  return markdown.slice(start + open.length, end).trim();
}

/** `markdown` with block `name` replaced by `content`; throws when the markers are missing. */
export function replaceGeneratedBlock(markdown: string, name: string, content: string): string {
  const [open, close] = markers(name) as [string, string];
  const start = markdown.indexOf(open);
  const end = markdown.indexOf(close);
  if (start < 0 || end < start) throw new Error(`no ${open} ... ${close} block`);
  return `${markdown.slice(0, start + open.length)}\n\n${content}\n\n${markdown.slice(end)}`;
}
