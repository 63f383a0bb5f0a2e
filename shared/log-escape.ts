// Request data in a log line must not be able to start a forged line, drive the terminal or reorder what a reader
// sees: control characters (C0 incl. CR/LF, DEL, C1), the Unicode line and paragraph separators and the bidi
// controls are written as visible \uXXXX escapes.
const UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const UNSAFE_BUT_NEWLINE = /(?!\n)[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * The logger's JSON replacer: every string value escaped, whichever key carries it, so a field added later is covered
 * too. A stack trace keeps its line breaks (JSON still encodes them); nothing else in a log item needs one.
 */
export function escapingReplacer(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return key === 'stack' ? value.replace(UNSAFE_BUT_NEWLINE, visible) : escapeControlCharacters(value);
}
