/**
 * The pieces every family of search terms uses: the `process_text` flags, id lists as bound
 * parameters, Rust regexes checked before any SQL runs, and the matcher for names (fields, note
 * types, templates) given as text or globs.
 */
import { equalsIgnoringCase } from '../text/index.js';
import { SearchError } from './errors.js';
import { compileRustRegex, RustRegexError } from './rust-regex.js';
import type { SqlParam } from './sql-writer.js';
import { isGlob, toRe, toText } from './text.js';

/** `process_text` flag (Anki's ProcessTextFlags): without combining marks, as `nc:` compares. */
export const NO_COMBINING = 1;
/** `process_text` flag (Anki's ProcessTextFlags): clozes replaced by their text, as `sc:` compares. */
export const STRIP_CLOZES = 2;
/** Above this many ids a list is passed as one JSON parameter instead of one parameter each. */
export const MAX_INLINE_IDS = 500;

/**
 * A parenthesised list of ids for `in`: one placeholder each (which lets SQLite use the
 * indexes of an `or`), or past `inlineLimit`, a JSON array read by `json_each`. Ids outside
 * SQLite's integer range compare as the float SQLite would read, as in Anki.
 */
export function idList(ids: string | readonly number[], inlineLimit: number): { sql: string; params: SqlParam[] } {
  const values = typeof ids === 'string' ? ids.split(',').map(bindableId) : [...ids];
  if (values.length <= inlineLimit) return { sql: `(${values.map(() => '?').join(', ')})`, params: values };
  return { sql: '(select value from json_each(?))', params: [`[${values.map(String).join(',')}]`] };
}

/** An id from a digits-only list, bound exactly: a bigint within SQLite's range, else a float. */
function bindableId(digits: string): SqlParam {
  const value = BigInt(digits);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value <= 2n ** 63n - 1n ? value : Number(digits);
}

/** Checks a Rust regex now, so a bad one is a search error rather than an SQL error. */
export function checkedRegex(pattern: string, shown: string = pattern): string {
  try {
    compileRustRegex(pattern);
  } catch (err) {
    if (err instanceof RustRegexError) throw new SearchError('Regex', { provided: shown, info: err.message });
    throw err;
  }
  return pattern;
}

/** Whether `text` matches a pattern already checked with checkedRegex. */
export function matchesRegex(pattern: string, text: string): boolean {
  return compileRustRegex(pattern).test(text);
}

/**
 * A test for names (fields, note types, templates): a glob becomes the regex `prefix…$` of
 * `to_re`, matched case-insensitively; anything else is compared with backslashes removed,
 * with Unicode case folding (unicase).
 */
export function nameMatcher(name: string, prefix: string): (candidate: string) => boolean {
  if (isGlob(name)) {
    const pattern = checkedRegex(`${prefix}${toRe(name)}$`, name);
    return (candidate) => matchesRegex(pattern, candidate);
  }
  const text = toText(name);
  return (candidate) => equalsIgnoringCase(candidate, text);
}
