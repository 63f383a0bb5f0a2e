// What the free-text fields of an intent may hold: text a person types. Refused everywhere: control characters
// (Unicode Cc: NUL, CR, LF, TAB, ESC, DEL, the C1 range), lone UTF-16 surrogates (not text at all: they cannot be
// encoded as UTF-8 and break every consumer downstream), noncharacters (U+FFFE, U+FDD0-U+FDEF, ...) and the
// bidirectional embedding/override/isolate controls, which make stored text display differently from what it
// holds. Remarks may also hold line feeds (notes span lines). A value must have visible characters: whitespace
// and invisible formatting characters (zero-width space, joiners, BOM, Hangul fillers, braille blank) do not count
// towards a field's minimum length, so a zero-width-only title or a whitespace-only address is refused.
export const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_IN_MULTILINE = /(?!\n)[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Characters (code points), not bytes or UTF-16 units. */
export const chars = (s: string) => [...s].length;

/** Characters left once whitespace and invisible formatting characters are taken out. */
export const visibleChars = (s: string) => chars(s.replace(INVISIBLE, ''));

export function hasOnlyTypedCharacters(s: string, options: { multiline?: boolean } = {}): boolean {
  return !(options.multiline ? FORBIDDEN_IN_MULTILINE : FORBIDDEN_CHARACTERS).test(s);
}

/** A URL as a person pastes it: no whitespace at all (the URL parser would silently drop tabs and line breaks). */
export function isPastedUrlText(s: string): boolean {
  return !FORBIDDEN_CHARACTERS.test(s) && !/[\p{White_Space}\p{Cf}]/u.test(s);
}

/** The sentence the OpenAPI description and README give for these rules. */
export const TEXT_RULES_DESCRIPTION =
  '不能包含控制字符(含 NUL、回车、换行、制表符;备注可以换行)、不成对的 UTF-16 代理项、非字符或双向文本控制符(U+202A-U+202E、U+2066-U+2069);' +
  '最短长度只计可见字符(空白与零宽字符等不可见字符不计),最长长度计全部字符';
