/**
 * Regular expressions with the syntax and meaning of Rust's `regex` crate, which Anki uses for
 * `re:`, `w:`, `tag:re:`, all-field searches and name globs, compiled to JavaScript RegExps.
 *
 * The pattern is parsed with Rust's grammar (so what Rust rejects — look-around, back-references,
 * unknown escapes, unbalanced groups — is rejected here too) and re-emitted for the `v` flag:
 * - inline flags `(?i)`, `(?-i)`, `(?s)`, `(?m)`, `(?x)`, `(?U)`, scoped `(?i:…)`: JavaScript has
 *   no inline flags, so case-insensitivity becomes the `i` flag when the whole pattern agrees,
 *   else case variants are spelled out; the other flags change what is emitted;
 * - Rust's Unicode-aware `\w`, `\d`, `\s`, `\b` and `\B` (JavaScript's are ASCII) become Unicode
 *   property classes and look-arounds;
 * - `.` never matches `\n` (JavaScript also stops at `\r`, U+2028, U+2029), `$` is the end of the
 *   text, and `^`/`$` under `(?m)` follow only `\n`;
 * - class set operations `&&`, `--`, `~~`, nested classes and `[[:alpha:]]` are expressed with
 *   the `v` flag's nested classes.
 *
 * The parser is regex-parser.ts (on regex-class-parser.ts and regex-scanner.ts, with
 * regex-properties.ts for `\p{…}` names), following regex-syntax's order of checks so a refused
 * pattern gets Rust's reason; the syntax tree is regex-syntax.ts, the JavaScript side
 * regex-emitter.ts.
 */
import { caseMode, emit } from './regex-emitter.js';
import { Parser } from './regex-parser.js';
import { RustRegexError } from './regex-syntax.js';
import type { Node } from './regex-syntax.js';

export { RustRegexError };

/** `.*` (any number of any character, greedy or not): the only quantifiable raw node is a dot. */
function isDotStar(node: Node | undefined): boolean {
  return node?.type === 'repeat' && node.min === 0 && node.max === undefined && node.node.type === 'raw' && node.node.quantifiable;
}

/**
 * Drops a leading and a trailing `.*` of the whole pattern. Every use here asks only whether
 * the text matches somewhere, and `.*X.*` matches exactly when `X` does; JavaScript's
 * backtracking engine would otherwise retry the `.*` from every position (Anki's tag regex is
 * `(?i).* tag(::| ).*`).
 */
function withoutOuterDotStars(node: Node): Node {
  if (node.type !== 'concat') return node;
  const items = [...node.items];
  if (isDotStar(items[0])) items.shift();
  if (isDotStar(items.at(-1))) items.pop();
  return items.length === node.items.length ? node : { type: 'concat', items };
}

/**
 * Translates a Rust regex into a JavaScript RegExp source and flags, for finding whether a text
 * matches (not where); throws RustRegexError.
 */
export function translateRustRegex(pattern: string): { source: string; flags: string } {
  const node = withoutOuterDotStars(new Parser(pattern).parse());
  const mode = caseMode(node);
  const source = emit(node, { expandCase: mode === 'mixed' });
  return { source, flags: mode === 'on' ? 'iv' : 'v' };
}

const CACHE_LIMIT = 512;
const cache = new Map<string, RegExp | RustRegexError>();

/**
 * The compiled RegExp for a Rust pattern, cached (searches run the same pattern on every row).
 * Throws RustRegexError when Rust would reject the pattern.
 */
export function compileRustRegex(pattern: string): RegExp {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      const { source, flags } = translateRustRegex(pattern);
      compiled = new RegExp(source, flags);
    } catch (err) {
      compiled = err instanceof RustRegexError ? err : new RustRegexError(err instanceof Error ? err.message : String(err));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  if (compiled instanceof RustRegexError) throw compiled;
  return compiled;
}
