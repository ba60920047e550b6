/** Names of exported files: `bnlab-<name>-<YYYY-MM-DD>.<ext>`, safe on every file system. */

/** Longest slug kept, characters (the whole name stays well under file systems' limits). */
const MAX_SLUG_LENGTH = 80;
/** Slug of a name that has no safe character at all. */
const FALLBACK_SLUG = 'chart';

/**
 * `text` as lower-case ASCII letters, digits, dots and dashes: accents dropped (é → e), every other
 * run of characters (spaces, slashes, HTML, other scripts) one dash, no dash or dot at either end,
 * or `fallback` when nothing is left.
 */
export function slugify(text: string, fallback = FALLBACK_SLUG): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    // A dot stays only between a letter or digit on each side ("lr-0.5"), never "..".
    .replace(/(?<![a-z0-9])\.|\.(?![a-z0-9])/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug === '' ? fallback : slug;
}

/** The local calendar date as YYYY-MM-DD. */
export function dateStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `bnlab-<slug of name>-<date>.<extension>`. */
export function exportFileName(name: string, extension: string, date: Date = new Date()): string {
  return `bnlab-${slugify(name)}-${dateStamp(date)}.${extension}`;
}
