/** Text as people will see it: names from files, links and typing, without hidden characters. */

/** Control characters, bidi embeddings, overrides and isolates, and lone surrogates. */
function isHidden(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** `text` with hidden characters dropped and whitespace runs as one space, trimmed. */
export function visible(text: string): { text: string; removed: boolean } {
  let out = '';
  let removed = false;
  for (const ch of text) {
    if (/\s/.test(ch)) out += ' ';
    else if (isHidden(ch.codePointAt(0) ?? 0)) removed = true;
    else out += ch;
  }
  return { text: out.replace(/\s+/g, ' ').trim(), removed };
}
