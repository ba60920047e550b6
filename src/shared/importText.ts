/**
 * How an import speaks of what it read: numbers, quotations safe and short enough for a message,
 * places in the document ("runs[2].config"), and why a text is not JSON. Pure; no DOM.
 */
import { errorMessage } from './errorMessage';
import { visible } from './visibleText';

/** Characters of a key, id or value quoted in a message or note. */
const MAX_QUOTED = 40;

/** Characters of the engine's reason shown for a file that is not JSON. */
const MAX_REASON = 80;

export type Failure = { ok: false; message: string };

export type JsonObject = Record<string, unknown>;

/** Numbers as messages show them: 200000 -> "200,000". */
export const show = (n: number) => n.toLocaleString('en');

/** A rejection. */
export const fail = (message: string): Failure => ({ ok: false, message });

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** At most `max` characters (code points) of `text`, with "…" when cut. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** Text from a file or an engine, safe and short enough to quote in a message. */
export const quotable = (text: string, max = MAX_QUOTED) => shorten(visible(text).text, max);

/** One character of a file as a message shows it: "x", or U+0001 when it is invisible. */
function showChar(ch: string): string {
  const shown = quotable(ch);
  const code = ch.codePointAt(0) ?? 0;
  return shown === '' ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${shown}"`;
}

/** Bytes of `text` in UTF-8 (a surrogate pair counts 4); a regex skips the ASCII runs fast. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (const [wide] of text.matchAll(/[\u0080-\uffff]+/g)) {
    for (let i = 0; i < wide.length; i++) {
      const c = wide.charCodeAt(i);
      bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
  }
  return bytes;
}

/** Bytes as megabytes with one decimal, rounded up (so an oversized file never shows the limit). */
export const megabytes = (bytes: number) => show(Math.ceil(bytes / 100_000) / 10);

/** "line L, column C" of offset `pos` in `text`. */
function lineAndColumn(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

/** A short reason JSON.parse gave up on `text`, from the engine's message (V8, Firefox, Safari). */
function jsonProblem(text: string, error: unknown): string {
  const message = errorMessage(error);
  // V8 quotes the file around the error ('Unexpected token 'x', "…" is not valid JSON'): drop it.
  const raw = message.replace(/, (\.\.\.)?".*$/s, '');
  const position = /at position (\d+)/.exec(raw);
  const pos = position ? Number(position[1]) : undefined;
  const endsEarly = /unexpected end|end of (json )?(input|data)|unterminated|EOF/i.test(raw);
  if (endsEarly || (pos !== undefined && pos >= text.trimEnd().length)) {
    return 'it ends too early, as if cut off';
  }
  const token = /^Unexpected token '(.+?)', /.exec(message);
  if (token) return `unexpected ${showChar(token[1] ?? '')}`;
  const phrase = raw
    .replace(/^JSON(\.parse:| Parse error:) /, '')
    .replace(/ (in JSON )?at position \d+.*$/s, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '');
  const reason =
    quotable(phrase.charAt(0).toLowerCase() + phrase.slice(1), MAX_REASON) || 'unreadable';
  if (pos !== undefined) return `${reason} at ${lineAndColumn(text, pos)}`;
  const firefox = /at line (\d+) column (\d+)/.exec(raw);
  return firefox ? `${reason} at line ${firefox[1]}, column ${firefox[2]}` : reason;
}

/** The parsed JSON, or the rejection naming why it is not JSON. */
export function readJson(text: string): { ok: true; value: unknown } | Failure {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    if (firstLine.includes(',') && !/^[[{]/.test(firstLine)) {
      return fail(
        'This looks like a CSV file: CSV exports are for spreadsheets; to import runs, use ' +
          'their JSON export.',
      );
    }
    return fail(`The file is not valid JSON (${jsonProblem(text, error)}).`);
  }
}

/** A value named in a message: short, never the whole of a large value. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(quotable(value));
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  return String(value);
}

/** "runs[2].config.learningRate" for a path of keys and indexes. */
export function formatPath(path: readonly PropertyKey[]): string {
  const parts = path.map((key, i) => {
    if (typeof key === 'number') return `[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
    return `[${JSON.stringify(quotable(name))}]`;
  });
  return parts.join('') || 'the file';
}
