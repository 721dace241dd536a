/**
 * The text conversions of Anki's search (rslib `search/parser.rs` unescaping and `text.rs`
 * wildcard converters, anki-semantics.md §1.3–1.5): which escapes the parser resolves, how
 * `*` and `_` become LIKE patterns or regexes, and the accent folding of `nc:`.
 */
import { SearchError } from './errors.js';

/** Characters a backslash may escape in search text: `\ " : * _ ( ) -`. */
const ESCAPABLE = new Set(['\\', '"', ':', '*', '_', '(', ')', '-']);
/** The escapes the parser resolves itself; `\\`, `\*` and `\_` stay for the wildcard converters. */
const PARSER_ESCAPES = new Set(['"', ':', '(', ')', '-']);

/**
 * The first escape sequence that is not allowed (an odd run of backslashes followed by a
 * character outside `\":*_()-`, or by nothing), or undefined.
 */
function invalidEscape(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') continue;
    let run = 0;
    while (text[i + run] === '\\') run++;
    i += run - 1;
    if (run % 2 === 1) {
      const next = text.codePointAt(i + 1);
      if (next === undefined) return '\\';
      const char = String.fromCodePoint(next);
      if (!ESCAPABLE.has(char)) return '\\' + char;
    }
  }
  return undefined;
}

/**
 * Anki's `unescape`: rejects unknown escapes (UnknownEscape), then turns `\"`, `\:`, `\(`, `\)`
 * and `\-` into the character; `\\`, `\*` and `\_` are kept.
 */
export function unescape(text: string): string {
  const invalid = invalidEscape(text);
  if (invalid !== undefined) throw new SearchError('UnknownEscape', { provided: invalid });
  if (!text.includes('\\')) return text;
  return text.replace(/\\[\\":()-]/g, (seq) => (PARSER_ESCAPES.has(seq.charAt(1)) ? seq.charAt(1) : seq));
}

/** Anki's `unescape_quotes` (for regexes): only `\"` becomes `"`. */
export function unescapeQuotes(text: string): string {
  return text.includes('"') ? text.replaceAll('\\"', '"') : text;
}

/** Anki's `unescape_quotes_and_backslashes` (for `dupe:` text): `\"` → `"`, then `\\` → `\`. */
export function unescapeQuotesAndBackslashes(text: string): string {
  if (!text.includes('"') && !text.includes('\\')) return text;
  return text.replaceAll('\\"', '"').replaceAll('\\\\', '\\');
}

/** True when `text` has a wildcard (`*` or `_`) preceded by an even number of backslashes. */
export function isGlob(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '*' || char === '_') return true;
  }
  return false;
}

// Rust regex-syntax's meta characters, which `regex::escape` prefixes with a backslash.
const REGEX_META = /[\\.+*?()|[\]{}^$#&\-~]/g;

/** Rust's `regex::escape`. */
export function regexEscape(text: string): string {
  return text.replace(REGEX_META, '\\$&');
}

/**
 * Anki's `to_custom_re`: `*` → `wildcard*`, `_` → `wildcard`, `\*` and `\\` kept (already regex
 * escapes), `\_` → `_`, everything else regex-escaped. Like Anki's `\\?.`, a newline is not
 * matched by the scan and passes through as it is.
 */
export function toCustomRe(text: string, wildcard: string): string {
  return text.replace(/\\?[^\n]/gu, (seq) => {
    switch (seq) {
      case '\\\\':
      case '\\*':
        return seq;
      case '\\_':
        return '_';
      case '*':
        return `${wildcard}*`;
      case '_':
        return wildcard;
      default:
        return regexEscape(seq);
    }
  });
}

/** Anki's `to_re`: wildcards become `.*` and `.`. */
export function toRe(text: string): string {
  return toCustomRe(text, '.');
}

/**
 * Anki's `to_sql`: a LIKE pattern for `escape '\'`: `*` → `%`, `%` → `\%`, `\*` → `*`; `_`
 * stays the LIKE wildcard, and `\_` and `\\` stay escaped.
 */
export function toSql(text: string): string {
  return text.replace(/\\[\\*]|[*%]/g, (seq) => {
    switch (seq) {
      case '\\\\':
        return seq;
      case '\\*':
        return '*';
      case '*':
        return '%';
      default:
        return '\\%';
    }
  });
}

/** Anki's `to_text`: every `\x` becomes `x`. */
export function toText(text: string): string {
  return text.replace(/\\([^\n])/gu, '$1');
}

// Letters that NFKD does not decompose but Anki still maps for accent-insensitive search.
const EXTRA_REPLACEMENTS: Record<string, string> = {
  '€': 'E',
  Æ: 'AE',
  Ð: 'D',
  Ø: 'O',
  Þ: 'TH',
  ß: 's',
  æ: 'ae',
  ð: 'd',
  ø: 'o',
  þ: 'th',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ĸ: 'k',
  Ł: 'L',
  ł: 'l',
  Ŋ: 'N',
  ŋ: 'n',
  Œ: 'OE',
  œ: 'oe',
  Ŧ: 'T',
  ŧ: 't',
  Ə: 'E',
  ǝ: 'e',
  ɑ: 'a',
};
const EXTRA_CHARS = new RegExp(`[${Object.keys(EXTRA_REPLACEMENTS).join('')}]`, 'gu');
const COMBINING = /\p{M}/gu;
// Nothing below U+00A0 changes under NFKD, and no such character is a mark or in the table.
const MAY_CHANGE = /[\u00a0-\u{10ffff}]/u;

/**
 * Anki's `without_combining` (`nc:` and "ignore accents"): NFKD, combining marks removed, then
 * a few letters replaced (`ß` → `s`, `Ø` → `O`, …).
 */
export function withoutCombining(text: string): string {
  if (!MAY_CHANGE.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(EXTRA_CHARS, (char) => EXTRA_REPLACEMENTS[char] ?? char);
}

const CLOZE = /\{\{c[\p{Nd},]+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/gu;

/** Anki's `strip_clozes` (`sc:`): `{{c1::text::hint}}` → `text`. */
export function stripClozes(text: string): string {
  return text.includes('{{') ? text.replace(CLOZE, '$1') : text;
}
