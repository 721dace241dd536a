/**
 * Regular expressions with the syntax and meaning of Rust's `regex` crate, which Anki uses for
 * `re:`, `w:`, `tag:re:`, all-field searches and name globs. A pattern is matched by the
 * linear-time engine of regex-engine.ts, never by JavaScript's backtracking one; what one
 * character may be is still tested with a JavaScript RegExp of that single item, written as below.
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
import { compileLinear, memberTest, type LinearRegex } from './regex-engine.js';
import { RustRegexError } from './regex-syntax.js';
import type { Node } from './regex-syntax.js';

export { RustRegexError };

/** `.*` (any number of any character, greedy or not): the only quantifiable raw node is a dot. */
function isDotStar(node: Node | undefined): boolean {
  return node?.type === 'repeat' && node.min === 0 && node.max === undefined && node.node.type === 'dot';
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

/** A one-character test for a literal, class or dot, by a JavaScript RegExp of that one item. */
function atomTest(node: Node, mode: ReturnType<typeof caseMode>): (cp: number) => boolean {
  if (node.type === 'literal' && !node.ci) return (cp) => cp === node.cp;
  return memberTest(new RegExp(`^(?:${emit(node, { expandCase: mode === 'mixed' })})$`, mode === 'on' ? 'iv' : 'v'));
}

/** A compiled Rust pattern: whether it matches somewhere in a text, in linear time. */
export type RustRegex = Pick<LinearRegex, 'test'>;

const CACHE_LIMIT = 512;
const cache = new Map<string, RustRegex | RustRegexError>();

/**
 * The compiled pattern, cached (searches run the same pattern on every row). Throws
 * RustRegexError when Rust would reject the pattern. Matching never backtracks (regex-engine.ts):
 * JavaScript's own engine would, and a pattern such as `(a+)+$` would then hold the server for
 * minutes.
 */
export function compileRustRegex(pattern: string): RustRegex {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    try {
      const node = withoutOuterDotStars(new Parser(pattern).parse());
      const mode = caseMode(node);
      compiled = compileLinear(node, (atom) => atomTest(atom, mode));
    } catch (err) {
      compiled = err instanceof RustRegexError ? err : new RustRegexError(err instanceof Error ? err.message : String(err));
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, compiled);
  }
  if (compiled instanceof RustRegexError) throw compiled;
  return compiled;
}
